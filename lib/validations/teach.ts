// Inputs of the teaching routes: one schema per action, shared by the forms and the route handlers.
import { z } from "zod";
import { isTimeZone } from "@/lib/teach/due";

const id = z.string().min(1).max(64);
const name = z.string().trim().min(1, "Give it a name.").max(120, "Keep it under 120 characters.");
const description = z.string().trim().max(2000, "Keep the description under 2,000 characters.");
const timeZone = z.string().refine(isTimeZone, "Choose a time zone from the list (an IANA name like Europe/Paris).");
// `YYYY-MM-DDTHH:MM` as a datetime-local field sends it, in the class's zone; empty or null: no due date.
const due = z
  .union([z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, "Write the due date as YYYY-MM-DDTHH:MM."), z.null()])
  .transform((value) => value || null);
const noteNumbers = z.array(z.number().int().min(0).max(1_000_000)).max(1000, "Choose at most 1,000 notes.");
const goal = z.enum(["studied", "mastered"], { error: "goal must be studied or mastered" });
const passPercent = z.number().int("The pass mark is a whole percentage.").min(1, "The pass mark is 1 to 100 %.").max(100, "The pass mark is 1 to 100 %.");

export const classIdSchema = z.object({ classId: id });
export const createClassSchema = z.object({ name, description: description.optional().default(""), timeZone });
export const updateClassSchema = z.object({ classId: id, name: name.optional(), description: description.optional(), timeZone: timeZone.optional() });
export const joinSchema = z.object({ code: z.string().min(1, "Enter the class code.").max(32) });
export const memberSchema = z.object({ classId: id, userId: id });
export const addInstructorSchema = z.object({
  classId: id,
  email: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: "Enter an email address, like ada@example.com." })),
});

export const createTrackSchema = z.object({ classId: id, title: name, description: description.optional().default("") });
export const trackIdSchema = z.object({ trackId: id });
export const updateTrackSchema = z.object({ trackId: id, title: name.optional(), description: description.optional() });

export const addItemSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ trackId: id, kind: z.literal("review"), deckId: id, noteNumbers: noteNumbers.optional().default([]), goal: goal.optional().default("studied"), due: due.optional().default(null) }),
    z.object({ trackId: id, kind: z.literal("lab"), exerciseId: z.string().min(1).max(100), passPercent: passPercent.optional().default(100), due: due.optional().default(null) }),
  ],
  { error: "kind must be review or lab" },
);
export const itemIdSchema = z.object({ itemId: id });
export const updateItemSchema = z.object({ itemId: id, due: due.optional(), goal: goal.optional(), passPercent: passPercent.optional(), noteNumbers: noteNumbers.optional() });
export const moveItemSchema = z.object({ itemId: id, direction: z.enum(["up", "down"], { error: "direction must be up or down" }) });

export const MAX_DECK_BYTES = 512 * 1024;
export const uploadDeckSchema = z.object({
  classId: id,
  fileName: z
    .string()
    .max(100, "Keep the file name under 100 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*\.md$/, "The file name must end in .md and use letters, digits, - and _ only (it names the deck)."),
  source: z.string().max(MAX_DECK_BYTES, "A deck file can be at most 512 KB."),
});

export const gradebookQuerySchema = z.object({
  classId: id,
  track: id.optional(),
  late: z.enum(["1", "0", "true", "false", "on"]).optional(),
  sort: z.string().max(200).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
});

export const learnerSchema = z.object({ classId: id, userId: id });
export const setInstructorSchema = z.object({ userId: id, instructor: z.boolean({ error: "instructor must be true or false" }) });
