"use client";

// The learner's code and its draft on the server: saved 0.8 s after the last edit, retried every 5 s while the
// network fails, and sent one last time when the page is left within that delay.
import { useCallback, useEffect, useRef, useState } from "react";
import { apiRequest } from "@/lib/http/api-client";

export type SaveState = "saved" | "saving" | "unsaved" | "failed" | "rejected";

const SAVE_DELAY_MS = 800;
const RETRY_MS = 5000;
// Statuses that refuse this code itself (invalid, too large): sending it again would not help.
const REFUSED = new Set([400, 413, 422]);

/** `onRejected` is told the server's reason when it refuses the code. */
export function useDraft(exerciseId: string, initialCode: string, onRejected: (message: string) => void) {
  const [code, setCode] = useState(initialCode);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const codeRef = useRef(code);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const url = `/api/lab/drafts/${exerciseId}`;

  const save = useCallback(
    async (text: string) => {
      setSaveState("saving");
      const result = await apiRequest(url, { method: "PUT", body: { code: text } });
      if (result.ok) {
        if (codeRef.current === text) setSaveState("saved");
      } else if (REFUSED.has(result.status)) {
        setSaveState("rejected");
        onRejected(result.error?.message ?? "Your code could not be saved.");
      } else {
        setSaveState("failed");
      }
    },
    [onRejected, url],
  );

  // A save that failed on the network is retried every 5 s until it goes through (or the code changes again).
  useEffect(() => {
    if (saveState !== "failed") return;
    const retry = setTimeout(() => void save(codeRef.current), RETRY_MS);
    return () => clearTimeout(retry);
  }, [saveState, save]);

  /** The code as edited (or replaced): shown at once, saved once the edits pause. */
  const edit = useCallback(
    (text: string) => {
      setCode(text);
      codeRef.current = text;
      setSaveState("unsaved");
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => {
        saveTimer.current = undefined;
        void save(text);
      }, SAVE_DELAY_MS);
    },
    [save],
  );

  // Leaving the page within the autosave delay: send the last edit anyway (keepalive outlives the page).
  useEffect(() => {
    const flush = () => {
      if (saveTimer.current === undefined) return;
      clearTimeout(saveTimer.current);
      saveTimer.current = undefined;
      void apiRequest(url, { method: "PUT", body: { code: codeRef.current }, keepalive: true });
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [url]);

  /** The latest code, even before React has re-rendered with it. */
  const current = useCallback(() => codeRef.current, []);

  return { code, saveState, edit, current };
}
