/** A note's heading, as its page and its card's page show it: "Q5." then the question. */
export function NoteTitle({ number, question }: { number: number; question: string }) {
  return (
    <h1 className="text-2xl font-semibold">
      <span className="mr-2 font-mono text-stone-500 dark:text-stone-400">Q{number}.</span>
      {question}
    </h1>
  );
}
