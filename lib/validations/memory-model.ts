import { z } from "zod";

export const revertSchema = z.object({ eventId: z.string({ error: "eventId must name an optimization in your history" }).min(1).max(64) });

/** A desired retention the learner picked from the helper's table (the settings form allows the same range). */
export const desiredRetentionSchema = z.object({
  desiredRetention: z.number({ error: "desiredRetention must be a number between 0.70 and 0.99" }).min(0.7, "desiredRetention must be at least 0.70").max(0.99, "desiredRetention must be at most 0.99"),
});
