"use client";

import { useEffect } from "react";

/** Ctrl/Cmd+Enter runs from anywhere on the page; inside the editor Monaco handles it (and prevents the default). */
export function useRunShortcut(run: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        run();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [run]);
}
