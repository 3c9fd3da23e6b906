-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "jobId" TEXT,
ADD COLUMN     "rescheduledCards" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "Submission_jobId_key" ON "Submission"("jobId");

