import { z } from "zod";
import { Rating, RATINGS } from "@/lib/srs/types";

const cardId = z.string().min(1).max(64);
const version = z.number({ error: "version must be the card's version you were shown" }).int().min(0);
// "1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)": the names are lib/srs's, as on the review screen's buttons.
const ratingNames = Object.entries(Rating).map(([name, value]) => `${value} (${name})`);
const ratingChoices = `${ratingNames.slice(0, -1).join(", ")} or ${ratingNames.at(-1)}`;

export const answerSchema = z.object({
  cardId,
  version,
  rating: z.literal(RATINGS, { error: `rating must be ${ratingChoices}` }),
  // Time spent on the card; clamped so a tab left open overnight does not distort the history.
  durationMs: z.number().int().min(0).max(86_400_000).optional().default(0).transform((ms) => Math.min(ms, 600_000)),
});

export const cardActionSchema = z.object({ id: cardId, version });
export const suspendSchema = cardActionSchema.extend({ suspended: z.boolean().optional().default(true) });
export const emptySchema = z.object({}).passthrough();
