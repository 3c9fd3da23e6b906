// Counts the statements this process sends to PostgreSQL, and the round trips they take: a round trip is a stretch
// of time in which at least one statement is in flight, so two statements sent in parallel are one round trip.
// (pg_stat_statements is not available on the embedded server; this counts at the driver, Prisma's queries included.)
import pg from "pg";

export type StatementCount = { statements: number; roundTrips: number };

type Query = (...args: unknown[]) => unknown;

export function countStatements(): { reset(): void; read(): StatementCount } {
  const count: StatementCount = { statements: 0, roundTrips: 0 };
  let inFlight = 0;
  const start = () => {
    count.statements++;
    if (inFlight++ === 0) count.roundTrips++;
  };
  const end = () => void inFlight--;
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    start();
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as (...result: unknown[]) => void;
      args[last] = (...result: unknown[]) => {
        end();
        callback(...result);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) return result.finally(end);
    end();
    return result;
  };
  return {
    reset: () => Object.assign(count, { statements: 0, roundTrips: 0 }),
    read: () => ({ ...count }),
  };
}
