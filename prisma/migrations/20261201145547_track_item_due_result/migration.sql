-- CreateTable
CREATE TABLE "TrackItemDueResult" (
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "notesKey" TEXT NOT NULL,
    "metAtDue" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrackItemDueResult_pkey" PRIMARY KEY ("itemId","userId")
);

-- CreateIndex
CREATE INDEX "TrackItemDueResult_userId_dueAt_idx" ON "TrackItemDueResult"("userId", "dueAt");

-- AddForeignKey
ALTER TABLE "TrackItemDueResult" ADD CONSTRAINT "TrackItemDueResult_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "TrackItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackItemDueResult" ADD CONSTRAINT "TrackItemDueResult_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

