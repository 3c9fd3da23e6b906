// What a learner remembers: their studied cards by state, the distributions of FSRS's memory state (stability,
// difficulty, retrievability now), the recall they can expect now, and the cards due on each of the next 30 study
// days. One statement over the learner's cards; retrievability is ts-fsrs 5's forgetting curve, computed by
// PostgreSQL (memory.int.test.ts checks it against ts-fsrs).
import { computeDecayFactor, generatorParameters } from "ts-fsrs";
import type { Db } from "@/lib/db";
import { queryPrepared } from "@/lib/db/prepared";
import { MATURE_DAYS } from "./activity";
import { studiedCardsSql, studyDayGridSql } from "./sql";

export const CARD_STATES = ["new", "learning", "young", "mature", "relearning", "suspended"] as const;
export type CardStateBucket = (typeof CARD_STATES)[number];

/** Lower edges (days) of the stability histogram's bins after the first (under a day). */
export const STABILITY_EDGES = [1, 2, 4, 7, 14, 21, 30, 60, 90, 180, 365, 730, 1825] as const;
/** Difficulty and retrievability are shown in 5 % bins. */
export const PERCENT_BINS = 20;
export const FORECAST_DAYS = 30;

export type MemoryModel = { decay: number; factor: number };

/** The forgetting curve's shape for FSRS weights `w` (ts-fsrs 5: R(t, S) = (1 + factor · t / S) ^ decay). */
export function memoryModel(w: readonly number[] = generatorParameters().w): MemoryModel {
  return computeDecayFactor(w);
}

export type Memory = {
  states: Record<CardStateBucket, number>;
  /** Counts per bin: `stability[i]` holds cards with stability in [edge i−1, edge i) (bin 0: under a day). */
  stability: number[];
  /** Counts per 5 % bin of difficulty, rescaled from FSRS's 1–10 to 0–100 % as Anki shows it. */
  difficulty: number[];
  /** Counts per 5 % bin of retrievability now. */
  retrievability: number[];
  /** Over studied cards (not new): averages, and the expected number recalled if asked now (sum of R). */
  studied: number;
  averageStability: number | null;
  averageDifficulty: number | null;
  averageRetrievability: number | null;
  expectedRecalled: number;
  /** Cards due on each of the next 30 study days (index 0 is today, with overdue cards included). */
  forecast: number[];
  overdue: number;
};

type Row = { kind: string; bucket: string; count: number; value: number | null };

function memorySql(byDeck: boolean): string {
  // Elapsed whole days and R as ts-fsrs's get_retrievability computes them (stability and R rounded to 8 places).
  const r = `floor(power(1 + $3::float8 * greatest(floor(extract(epoch FROM ($2::timestamp - c."lastReview")) / 86400), 0)
      / (floor(c.stability * 1e8 + 0.5) / 1e8), $4::float8) * 1e8 + 0.5) / 1e8`;
  return `
    WITH grid AS (${studyDayGridSql("$7::date", `$7::date + ${FORECAST_DAYS}`, "$5", "$6::int")}),
    cards AS (
      SELECT c.state, c.suspended, c.stability, c.difficulty, c."scheduledDays",
        CASE WHEN c.state <> 0 AND c."lastReview" IS NOT NULL AND c.stability > 0 THEN ${r} END AS r,
        width_bucket(c.due, grid.starts) - 1 AS "dueIn"
      FROM grid, ${studiedCardsSql("$1", byDeck ? "$8" : null)}
    ), studied AS (SELECT * FROM cards WHERE state <> 0), scheduled AS (SELECT * FROM studied WHERE NOT suspended)
    SELECT 'state' AS kind,
      CASE WHEN suspended THEN 'suspended' WHEN state = 0 THEN 'new' WHEN state = 1 THEN 'learning' WHEN state = 3 THEN 'relearning'
        WHEN "scheduledDays" >= ${MATURE_DAYS} THEN 'mature' ELSE 'young' END AS bucket,
      count(*) AS count, NULL::float8 AS value
    FROM cards GROUP BY 2
    UNION ALL
    SELECT 'stability', width_bucket(stability, ARRAY[${STABILITY_EDGES.join(", ")}]::float8[])::text, count(*), NULL FROM studied GROUP BY 2
    UNION ALL
    SELECT 'difficulty', least(greatest(floor((difficulty - 1) / 9 * ${PERCENT_BINS}), 0), ${PERCENT_BINS - 1})::int::text, count(*), NULL
    FROM studied GROUP BY 2
    UNION ALL
    SELECT 'retrievability', least(floor(r * ${PERCENT_BINS}), ${PERCENT_BINS - 1})::int::text, count(*), NULL FROM studied WHERE r IS NOT NULL GROUP BY 2
    UNION ALL
    SELECT 'average', 'stability', count(*), avg(stability) FROM studied
    UNION ALL
    SELECT 'average', 'difficulty', count(*), avg((difficulty - 1) / 9) FROM studied
    UNION ALL
    SELECT 'average', 'retrievability', count(r), avg(r) FROM studied
    UNION ALL
    SELECT 'sum', 'retrievability', count(r), coalesce(sum(r), 0) FROM studied
    UNION ALL
    SELECT 'due', greatest("dueIn", 0)::text, count(*), NULL FROM scheduled WHERE "dueIn" < ${FORECAST_DAYS} GROUP BY 2
    UNION ALL
    SELECT 'overdue', '', count(*), NULL FROM scheduled WHERE "dueIn" < 0`;
}

export type MemoryQuery = {
  userId: string;
  now: Date;
  timeZone: string;
  rolloverHour: number;
  today: string;
  deckId: string | null;
  model: MemoryModel;
};

export async function loadMemory(db: Db, q: MemoryQuery): Promise<Memory> {
  const byDeck = q.deckId !== null;
  const rows = await queryPrepared<Row>(
    db,
    byDeck ? "progress-memory-deck" : "progress-memory",
    memorySql(byDeck),
    [q.userId, q.now, q.model.factor, q.model.decay, q.timeZone, q.rolloverHour, q.today, ...(byDeck ? [q.deckId] : [])],
  );
  const memory: Memory = {
    states: Object.fromEntries(CARD_STATES.map((s) => [s, 0])) as Record<CardStateBucket, number>,
    stability: new Array(STABILITY_EDGES.length + 1).fill(0),
    difficulty: new Array(PERCENT_BINS).fill(0),
    retrievability: new Array(PERCENT_BINS).fill(0),
    studied: 0,
    averageStability: null,
    averageDifficulty: null,
    averageRetrievability: null,
    expectedRecalled: 0,
    forecast: new Array(FORECAST_DAYS).fill(0),
    overdue: 0,
  };
  for (const row of rows) {
    const count = Number(row.count);
    const bin = Number(row.bucket);
    if (row.kind === "state") memory.states[row.bucket as CardStateBucket] = count;
    else if (row.kind === "stability" || row.kind === "difficulty" || row.kind === "retrievability" || row.kind === "due") {
      const bins = row.kind === "due" ? memory.forecast : memory[row.kind];
      bins[bin] = count;
    } else if (row.kind === "average") {
      if (row.bucket === "stability") {
        memory.studied = count;
        memory.averageStability = row.value;
      } else if (row.bucket === "difficulty") memory.averageDifficulty = row.value;
      else memory.averageRetrievability = row.value;
    } else if (row.kind === "sum") memory.expectedRecalled = row.value ?? 0;
    else if (row.kind === "overdue") memory.overdue = count;
  }
  return memory;
}
