import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { createClass } from "@/lib/teach/classes";
import { createClassSchema } from "@/lib/validations/teach";

export const POST = jsonRoute(createClassSchema, async (input, user) => Response.json({ class: await createClass(getDb(), user, input) }, { status: 201 }));
