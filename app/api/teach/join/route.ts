import { getDb } from "@/lib/db";
import { jsonRoute } from "@/lib/http/json-route";
import { joinClass } from "@/lib/teach/classes";
import { joinSchema } from "@/lib/validations/teach";

export const POST = jsonRoute(joinSchema, async ({ code }, user) => joinClass(getDb(), user, code));
