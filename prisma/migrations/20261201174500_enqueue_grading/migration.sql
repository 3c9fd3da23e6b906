-- Enqueueing a submission's grading job in one round trip (lib/lab/submissions/submit.ts): under the queue's
-- advisory lock, a request sent again gets its job back; a learner with a job in flight, or a full queue, is refused
-- with nothing stored; otherwise the "Job" row and its graphile-worker carrier are added together (never one without
-- the other). graphile_worker's schema is installed by the worker's queue setup; plpgsql resolves it when called.
-- outcome: 'enqueued' (job_id is the new job), 'sent' (job_id is the request's earlier job), 'in_flight' or 'busy'
-- (job_id null; queued and running say how full the queue was).
CREATE FUNCTION "Job_enqueue_limited"(
  new_id text, asker text, job_kind text, job_key text, job_payload jsonb, job_max_attempts int,
  request_id text, queue_limit int, lock_key bigint)
RETURNS TABLE (outcome text, job_id text, queued int, running int) LANGUAGE plpgsql AS $$
DECLARE
  sent text;
  waiting int;
  busy int;
  mine boolean;
  carrier text;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  IF request_id IS NOT NULL THEN
    SELECT j.id INTO sent FROM "Job" j
      WHERE j."userId" = asker AND j.kind = job_kind AND j."createdAt" > (now() AT TIME ZONE 'UTC') - interval '1 day'
        AND j.payload->>'requestId' = request_id
      LIMIT 1;
    IF sent IS NOT NULL THEN
      RETURN QUERY SELECT 'sent', sent, 0, 0;
      RETURN;
    END IF;
  END IF;
  SELECT count(*) FILTER (WHERE j.status = 'QUEUED')::int, count(*) FILTER (WHERE j.status = 'RUNNING')::int,
      coalesce(bool_or(j."activeKey" = job_key), false)
    INTO waiting, busy, mine
    FROM "Job" j WHERE j.status IN ('QUEUED', 'RUNNING') AND j.kind = job_kind;
  IF mine THEN
    RETURN QUERY SELECT 'in_flight', NULL::text, waiting, busy;
    RETURN;
  END IF;
  IF waiting + busy >= queue_limit THEN
    RETURN QUERY SELECT 'busy', NULL::text, waiting, busy;
    RETURN;
  END IF;
  INSERT INTO "Job" (id, kind, "userId", "activeKey", payload, "maxAttempts", "createdAt", "updatedAt")
    VALUES (new_id, job_kind, asker, job_key, job_payload, job_max_attempts, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT ("activeKey") DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'in_flight', NULL::text, waiting, busy;
    RETURN;
  END IF;
  carrier := (graphile_worker.add_job(job_kind, json_build_object('jobId', new_id), max_attempts => 5)).id::text;
  UPDATE "Job" SET "queueJobId" = carrier WHERE id = new_id;
  RETURN QUERY SELECT 'enqueued', new_id, waiting, busy;
END
$$;
