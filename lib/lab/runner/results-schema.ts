// The zod schema of the results format, for the edges that receive results (a route storing a browser run, the
// sandbox's reply) and for tests that check every runner produces exactly the format. Kept apart from results.ts
// so the worker and the sandbox bundles need no zod.
import { z } from "zod";
import { RESULTS_VERSION, SUITE_STATUSES, TEST_STATUSES, type Results } from "./results";

const testStatus = z.enum(TEST_STATUSES);

export const testResultSchema = z
  .strictObject({
    name: z.string().min(1),
    status: testStatus,
    message: z.string().min(1).optional(),
    output: z.string().optional(),
    points: z.number().nonnegative(),
    maxPoints: z.number().nonnegative(),
    hidden: z.boolean(),
    durationMs: z.number().nonnegative().optional(),
    test_code: z.string().optional(),
  })
  .refine((test) => (test.hidden ? !(test.status === "pass" && test.message !== undefined) : (test.status === "pass") === (test.message === undefined)), {
    error: "a visible test has a message exactly when it did not pass; a hidden one never when it passed",
  })
  .refine((test) => test.hidden || test.durationMs !== undefined, { error: "a visible test has a durationMs" })
  .refine((test) => test.points === (test.status === "pass" ? test.maxPoints : 0), {
    error: "a test earns maxPoints when it passes and 0 otherwise",
  })
  .refine((test) => !(test.hidden && test.test_code !== undefined), { error: "hidden tests carry no test_code" });

export const resultsSchema = z
  .strictObject({
    version: z.literal(RESULTS_VERSION),
    status: z.enum(SUITE_STATUSES),
    message: z.string().min(1).optional(),
    tests: z.array(testResultSchema),
    points: z.number().nonnegative(),
    maxPoints: z.number().nonnegative(),
    backend: z.string().min(1),
    durationMs: z.number().nonnegative(),
  })
  .refine((results) => (results.status === "error") === (results.message !== undefined), {
    error: "results have a message exactly when their status is error",
  })
  .refine((results) => results.status === "error" || (results.status === "pass") === results.tests.every((t) => t.status === "pass"), {
    error: "status is pass exactly when every test passed",
  })
  .refine((results) => results.points === results.tests.reduce((total, t) => total + t.points, 0), {
    error: "points is the sum of the tests' points",
  })
  .refine((results) => results.maxPoints === results.tests.reduce((total, t) => total + t.maxPoints, 0), {
    error: "maxPoints is the sum of the tests' maxPoints",
  });

// Compile-time check that the schema and the hand-written type describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.infer<typeof resultsSchema>, Results> = true;
void schemaMatchesType;

export function parseResults(value: unknown): Results {
  return resultsSchema.parse(value);
}
