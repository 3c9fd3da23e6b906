import { Refusal } from "@/lib/refusal";

/** A refusal of the review domain (unknown card, stale version, nothing to undo). */
export class ReviewError extends Refusal {}
