import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { setInstructor } from "@/lib/teach/users";
import { setInstructorSchema } from "@/lib/validations/teach";

/** Admins only: `{instructor: true}` makes the account an instructor, `false` takes it back. */
export const POST = jsonRoute(setInstructorSchema, async ({ userId, instructor }, user) => setInstructor(getDb(), user, userId, instructor));
