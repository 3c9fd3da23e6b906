import { z } from "zod";

const cardId = z.string().min(1).max(64);
const version = z.number({ error: "version must be the card's version you were shown" }).int().min(0);

export const answerSchema = z.object({
  cardId,
  version,
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: "rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)" }),
  // Time spent on the card; clamped so a tab left open overnight does not distort the history.
  durationMs: z.number().int().min(0).max(86_400_000).optional().default(0).transform((ms) => Math.min(ms, 600_000)),
});

export const cardActionSchema = z.object({ id: cardId, version });
export const suspendSchema = cardActionSchema.extend({ suspended: z.boolean().optional().default(true) });
export const emptySchema = z.object({}).passthrough();
