import { Refusal } from "@/lib/refusal";

/**
 * A refusal of the teaching domain: 403 when the person may see the class but not do this, 404 for a class, track or
 * learner that does not exist or that they cannot see (the same answer, so existence does not leak).
 */
export class TeachError extends Refusal {}
