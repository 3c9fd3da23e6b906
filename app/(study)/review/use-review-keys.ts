"use client";

// The review's keyboard: Space or Enter reveals, then means Good; 1–4 rate; z undoes. Keys typed into a field are
// the field's.
import { useEffect } from "react";
import { Rating } from "@/lib/srs/types";
import { RATING_BUTTONS } from "./ratings";

type Actions = { revealed: boolean; reveal: () => void; answer: (rating: Rating) => void; undo: () => void };

export function useReviewKeys({ revealed, reveal, answer, undo }: Actions) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      if (event.key === "z" && !event.altKey) {
        event.preventDefault();
        undo();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === " " || event.key === "Enter") {
        // Buttons handle their own Enter/Space; elsewhere these reveal, then mean Good.
        if (target?.tagName === "BUTTON" || target?.tagName === "A") return;
        event.preventDefault();
        if (!revealed) reveal();
        else answer(Rating.Good);
        return;
      }
      const rated = RATING_BUTTONS.find((button) => button.key === event.key);
      if (rated && revealed) {
        event.preventDefault();
        answer(rated.rating);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [answer, revealed, reveal, undo]);
}
