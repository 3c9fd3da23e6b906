-- CreateIndex
CREATE INDEX "ReviewLog_progress_idx" ON "ReviewLog"("userId", "kind", "review", "state", "rating", "scheduledDays", "durationMs", "cardId");

