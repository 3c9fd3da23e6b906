import { answerRoute } from "@/lib/review/answer-route";

// Answers the shown card and returns the queue's next card. Latent's web server answers this route itself, before
// Next.js (lib/server/direct-routes.ts); this file serves it under `next dev`/`next start` and any path Next.js
// normalizes (a trailing slash, percent-encoding).
export const POST = answerRoute;
