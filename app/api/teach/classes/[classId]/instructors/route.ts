import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { addCoInstructor } from "@/lib/teach/classes";
import { addInstructorSchema } from "@/lib/validations/teach";

export const POST = jsonRoute(addInstructorSchema, async ({ classId, email }, user) => Response.json({ instructor: await addCoInstructor(getDb(), user, classId, email) }, { status: 201 }));
