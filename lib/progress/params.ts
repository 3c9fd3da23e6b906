// The progress page's URL state: ?deck=<slug>&range=30|90|365. A range it does not offer falls back to 30 days;
// a deck is checked against the decks the learner studies (loadProgress), so a wrong one gets a message.
import { z } from "zod";

export const RANGES = [30, 90, 365] as const;
export type Range = (typeof RANGES)[number];

const schema = z.object({
  deck: z.string().trim().min(1).max(200).optional().catch(undefined),
  range: z.coerce.number().pipe(z.union([z.literal(30), z.literal(90), z.literal(365)])).optional().catch(undefined),
});

export function parseProgressParams(params: Record<string, string | string[] | undefined>): { deck: string | null; range: Range } {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = schema.parse({ deck: one(params.deck) || undefined, range: one(params.range) });
  return { deck: parsed.deck ?? null, range: parsed.range ?? 30 };
}

export function progressHref(state: { deck: string | null; range: Range }): string {
  const query = new URLSearchParams();
  if (state.deck) query.set("deck", state.deck);
  if (state.range !== 30) query.set("range", String(state.range));
  const text = query.toString();
  return text ? `/progress?${text}` : "/progress";
}
