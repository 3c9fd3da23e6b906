-- The action log (lib/review/actions.ts): every action a learner takes on their cards, one row per card with the
-- card's row before it, so that `z` undoes the last action of any kind (an answer, a suspend, a bury, a reset, an
-- edit, a bulk action), and only it. Burying (Anki): a card out of the queue until the next study day.

-- The order of a learner's actions, and the id the rows of one action share (a bulk action has one row per card).
CREATE SEQUENCE "CardAction_actionId_seq" AS BIGINT;

-- CreateEnum
CREATE TYPE "CardActionKind" AS ENUM ('ANSWER', 'SUSPEND', 'UNSUSPEND', 'BURY', 'UNBURY', 'RESET', 'EDIT', 'SET_DUE', 'MOVE', 'TAG', 'DELETE');

-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "buriedUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReviewLog" ADD COLUMN     "actionId" BIGINT;

-- CreateTable
CREATE TABLE "CardAction" (
    "actionId" BIGINT NOT NULL,
    "cardId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "CardActionKind" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "before" JSONB NOT NULL,
    "version" INTEGER NOT NULL,
    "detail" JSONB,
    "undoneAt" TIMESTAMP(3),
    "undone" JSONB,

    CONSTRAINT "CardAction_pkey" PRIMARY KEY ("cardId","actionId")
);

-- CreateIndex
CREATE INDEX "CardAction_userId_actionId_idx" ON "CardAction"("userId", "actionId");

-- AddForeignKey
ALTER TABLE "CardAction" ADD CONSTRAINT "CardAction_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CardAction" ADD CONSTRAINT "CardAction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

