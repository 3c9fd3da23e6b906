"use client";

// The review screen's state: the queue the server last sent, whether the shown card's answer is revealed, and the
// requests that change it (answer, undo, suspend, reset), each of which returns the next queue in one round trip.
import { useCallback, useEffect, useRef, useState } from "react";
import { apiRequest } from "@/lib/http/api-client";
import type { ReviewQueue } from "@/lib/review/queue";
import type { Rating } from "@/lib/srs/types";

/** What the answer route says about the answered card when it became a leech. */
type Answered = { cardId: string; leech: { suspended: boolean } | null };
type Reply = { queue: ReviewQueue; answered?: Answered };

export type LeechNotice = { cardId: string; suspended: boolean };

const UNREACHABLE = "We could not reach the server. Your last answer was not saved; check your connection and try again.";

export function useReviewSession(initial: ReviewQueue) {
  const [queue, setQueue] = useState(initial);
  // Revealed for one shown state (card and version): a new card or a changed one starts hidden again.
  const [revealedFor, setRevealedFor] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  // The card just answered became a leech: said once, with a link to its card info.
  const [leech, setLeech] = useState<LeechNotice | null>(null);
  const [canUndo, setCanUndo] = useState(initial.canUndo);
  const shownAt = useRef(0);
  const card = queue.card;
  const shownKey = card ? `${card.id}:${card.version}` : null;
  const revealed = shownKey !== null && revealedFor === shownKey;
  const reveal = useCallback(() => setRevealedFor(shownKey), [shownKey]);

  useEffect(() => {
    shownAt.current = performance.now();
  }, [shownKey]);

  const refresh = useCallback(async () => {
    const result = await apiRequest<ReviewQueue>("/api/review/queue");
    if (result.ok) setQueue(result.data);
  }, []);

  const send = useCallback(
    async (url: string, body: object, after?: (ok: boolean) => void) => {
      if (pending) return;
      setPending(true);
      const result = await apiRequest<Reply>(url, { method: "POST", body });
      setPending(false);
      setLeech(null);
      if (result.ok) {
        setQueue(result.data.queue);
        setCanUndo(result.data.queue.canUndo);
        setStatus(null);
        const answered = result.data.answered;
        if (answered?.leech) setLeech({ cardId: answered.cardId, suspended: answered.leech.suspended });
        after?.(true);
      } else {
        setStatus(result.status === 0 ? UNREACHABLE : result.message);
        if (result.status === 409 || result.status === 404) await refresh();
        after?.(false);
      }
    },
    [pending, refresh],
  );

  const answer = useCallback(
    (rating: Rating) => {
      if (!card || !revealed) return;
      const durationMs = Math.round(performance.now() - shownAt.current);
      void send("/api/review/answer", { cardId: card.id, version: card.version, rating, durationMs });
    },
    [card, revealed, send],
  );

  const undo = useCallback(() => {
    void send("/api/review/undo", {}, (ok) => ok && setStatus("Undone: the card is back as it was."));
  }, [send]);

  const suspend = useCallback(() => {
    if (card) void send(`/api/review/cards/${card.id}/suspend`, { version: card.version, suspended: true }, (ok) => ok && setStatus("Card suspended. It will not be shown until you unsuspend it."));
  }, [card, send]);

  const reset = useCallback(() => {
    if (card && window.confirm("Reset this card? It becomes new again; its history is kept.")) {
      void send(`/api/review/cards/${card.id}/reset`, { version: card.version }, (ok) => ok && setStatus("Card reset: it is new again."));
    }
  }, [card, send]);

  return { queue, card, revealed, reveal, pending, status, leech, canUndo, answer, undo, suspend, reset };
}
