// The worker's task list: every kind of job and what runs it. Only worker processes import this (it loads the FSRS
// optimizer and the lab's grader, native modules); the web server enqueues by the kinds alone (define.ts). Add a kind here to run it.
import { gradeSubmission } from "@/lib/lab/submissions/grade-job";
import { gradeJob } from "@/lib/lab/submissions/job";
import { optimizeJob, rescheduleJob, retentionJob } from "@/lib/memory-model/jobs";
import { runOptimization } from "@/lib/memory-model/optimize";
import { runReschedule } from "@/lib/memory-model/reschedule";
import { runRetentionSimulation } from "@/lib/memory-model/retention";
import { keepDueJob, runKeepDue } from "@/lib/teach/jobs";
import { task, type Task } from "./runner";

export const TASKS: readonly Task[] = [
  task(gradeJob, (payload, context) => gradeSubmission(payload, context)),
  task(optimizeJob, runOptimization),
  task(rescheduleJob, runReschedule),
  task(retentionJob, runRetentionSimulation),
  task(keepDueJob, (payload, context) => runKeepDue(context.db, payload)),
];
