-- Personal decks (Deck.ownerId), notes with a guid, kind (basic, cloze), format, tags and a rendered question, cards
-- per (learner, note, ordinal), the rendered sides of cloze cards, and media. Existing notes make one card, ordinal 0.

-- CreateEnum
CREATE TYPE "NoteKind" AS ENUM ('BASIC', 'CLOZE');

-- CreateEnum
CREATE TYPE "NoteFormat" AS ENUM ('MARKDOWN', 'HTML');

-- DropForeignKey
ALTER TABLE "Note" DROP CONSTRAINT "Note_deckId_fkey";

-- DropForeignKey
ALTER TABLE "DeckStudy" DROP CONSTRAINT "DeckStudy_deckId_fkey";

-- DropForeignKey
ALTER TABLE "Card" DROP CONSTRAINT "Card_noteId_fkey";

-- DropIndex
DROP INDEX "Card_userId_noteId_key";

-- AlterTable
ALTER TABLE "Deck" ADD COLUMN     "ownerId" TEXT;

-- AlterTable
ALTER TABLE "Note" ADD COLUMN     "format" "NoteFormat" NOT NULL DEFAULT 'MARKDOWN',
ADD COLUMN     "guid" TEXT,
ADD COLUMN     "kind" "NoteKind" NOT NULL DEFAULT 'BASIC',
ADD COLUMN     "ordinals" INTEGER[] DEFAULT ARRAY[0]::INTEGER[],
ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "questionHtml" TEXT,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "ordinal" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Cloze" (
    "noteId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "frontHtml" TEXT NOT NULL,
    "backHtml" TEXT NOT NULL,

    CONSTRAINT "Cloze_pkey" PRIMARY KEY ("noteId","ordinal")
);

-- CreateTable
CREATE TABLE "Media" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Media_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoteMedia" (
    "noteId" TEXT NOT NULL,
    "mediaId" TEXT NOT NULL,

    CONSTRAINT "NoteMedia_pkey" PRIMARY KEY ("noteId","mediaId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Media_userId_name_key" ON "Media"("userId", "name");

-- CreateIndex
CREATE INDEX "NoteMedia_mediaId_idx" ON "NoteMedia"("mediaId");

-- CreateIndex
CREATE INDEX "Deck_ownerId_idx" ON "Deck"("ownerId");

-- CreateIndex
CREATE INDEX "Note_tags_idx" ON "Note" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "Note_ownerId_guid_key" ON "Note"("ownerId", "guid");

-- CreateIndex
CREATE UNIQUE INDEX "Card_userId_noteId_ordinal_key" ON "Card"("userId", "noteId", "ordinal");

-- AddForeignKey
ALTER TABLE "Deck" ADD CONSTRAINT "Deck_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Note" ADD CONSTRAINT "Note_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Note" ADD CONSTRAINT "Note_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cloze" ADD CONSTRAINT "Cloze_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Media" ADD CONSTRAINT "Media_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteMedia" ADD CONSTRAINT "NoteMedia_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteMedia" ADD CONSTRAINT "NoteMedia_mediaId_fkey" FOREIGN KEY ("mediaId") REFERENCES "Media"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeckStudy" ADD CONSTRAINT "DeckStudy_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

