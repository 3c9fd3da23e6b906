// What a worker process reads from the environment (README, .env.example), validated with the variable at fault named.
import os from "node:os";
import { z } from "zod";

const whole = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number from ${min} to ${max}` })
    .int(`${name} must be a whole number from ${min} to ${max}`)
    .min(min, `${name} must be a whole number from ${min} to ${max}`)
    .max(max, `${name} must be a whole number from ${min} to ${max}`);

const schema = z.object({
  LATENT_WORKER_CONCURRENCY: whole("LATENT_WORKER_CONCURRENCY", 1, 256).optional(),
  LATENT_WORKER_NICENESS: whole("LATENT_WORKER_NICENESS", 0, 19).default(10),
  LATENT_WORKER_SHUTDOWN_SECONDS: whole("LATENT_WORKER_SHUTDOWN_SECONDS", 0, 3600).default(20),
});

export type WorkerConfig = { concurrency: number; niceness: number; shutdownGraceMs: number };

export type ParseWorkerConfigResult = { ok: true; value: WorkerConfig } | { ok: false; error: string };

export function parseWorkerConfig(env: NodeJS.ProcessEnv): ParseWorkerConfigResult {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = schema.safeParse(blankless);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  return {
    ok: true,
    value: {
      concurrency: parsed.data.LATENT_WORKER_CONCURRENCY ?? os.availableParallelism(),
      niceness: parsed.data.LATENT_WORKER_NICENESS,
      shutdownGraceMs: parsed.data.LATENT_WORKER_SHUTDOWN_SECONDS * 1000,
    },
  };
}
