// What a learner is told when their grading job failed: nothing was stored, then the job's own message. Shared by the
// submissions API and the lab page, which polls a slow grade's job itself (no server imports here).
export function gradingFailedMessage(error: string | null): string {
  if (error && /nothing was stored/i.test(error)) return error;
  return `Your submission could not be graded, and nothing was stored.${error ? ` ${error}` : " Submit again in a moment."}`;
}
