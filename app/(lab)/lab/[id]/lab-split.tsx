"use client";

// The lab's frame: the prompt and the workbench side by side on wide screens, with a divider to drag or move with
// the arrow keys (the split is remembered in this browser); on narrow screens tabs: Prompt, Code, Results.
// The workbench marks its parts with data-pane="code" and data-pane="results"; CSS shows the chosen tab's part.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";

const STORAGE_KEY = "latent.lab.promptShare";
/** The prompt's share of the width, in percent: the editor gets the most by default. */
const DEFAULT_SHARE = 34;
const MIN_SHARE = 20;
const MAX_SHARE = 60;
const STEP = 2;

type Tab = "prompt" | "code" | "results";
const TABS: { id: Tab; label: string }[] = [
  { id: "prompt", label: "Prompt" },
  { id: "code", label: "Code" },
  { id: "results", label: "Results" },
];

const ShowTab = createContext<(tab: Tab) => void>(() => undefined);

/** For the workbench: bring a part forward on narrow screens (the results once a run ends). */
export function useShowLabTab() {
  return useContext(ShowTab);
}

const clamp = (share: number) => Math.min(MAX_SHARE, Math.max(MIN_SHARE, Math.round(share)));

export function LabSplit({ prompt, children }: { prompt: ReactNode; children: ReactNode }) {
  const [share, setShare] = useState(DEFAULT_SHARE);
  const [tab, setTab] = useState<Tab>("prompt");
  const frame = useRef<HTMLDivElement>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ prompt: null, code: null, results: null });

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const place = () => element.style.setProperty("--lab-top", `${element.getBoundingClientRect().top + window.scrollY + 16}px`);
    place();
    window.addEventListener("resize", place);
    return () => window.removeEventListener("resize", place);
  }, []);

  useEffect(() => {
    const stored = Number(window.localStorage.getItem(STORAGE_KEY));
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration
    if (stored) setShare(clamp(stored));
  }, []);

  const resize = useCallback((next: number) => {
    const value = clamp(next);
    setShare(value);
    try {
      window.localStorage.setItem(STORAGE_KEY, String(value));
    } catch {
      // Storage full or blocked: the split still works for this page.
    }
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowLeft: share - STEP, ArrowRight: share + STEP, Home: MIN_SHARE, End: MAX_SHARE, PageUp: share - 10, PageDown: share + 10 };
    if (event.key === "Enter") return resize(DEFAULT_SHARE);
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    resize(next);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const box = frame.current?.getBoundingClientRect();
    if (!box || event.button !== 0) return;
    event.preventDefault();
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    target.focus();
    const move = (moved: globalThis.PointerEvent) => resize(((moved.clientX - box.left) / box.width) * 100);
    const up = () => {
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", up);
      target.removeEventListener("pointercancel", up);
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", up);
    target.addEventListener("pointercancel", up);
  };

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next = event.key === "ArrowRight" ? index + 1 : event.key === "ArrowLeft" ? index - 1 : event.key === "Home" ? 0 : event.key === "End" ? TABS.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const chosen = TABS[(next + TABS.length) % TABS.length]!.id;
    setTab(chosen);
    tabRefs.current[chosen]?.focus();
  };

  return (
    <ShowTab.Provider value={setTab}>
      <div ref={frame} data-wide data-tab={tab} className="lab-frame" style={{ "--prompt-share": `${share}%` } as React.CSSProperties}>
        <div role="tablist" aria-label="Exercise" className="lab-tabs">
          {TABS.map(({ id, label }, index) => (
            <button
              key={id}
              ref={(element) => {
                tabRefs.current[id] = element;
              }}
              type="button"
              role="tab"
              id={`lab-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`lab-pane-${id}`}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => setTab(id)}
              onKeyDown={(event) => onTabKeyDown(event, index)}
            >
              {label}
            </button>
          ))}
        </div>
        <section id="lab-pane-prompt" aria-labelledby="lab-tab-prompt" className="lab-prompt" tabIndex={0}>
          {prompt}
        </section>
        <div
          role="separator"
          aria-orientation="vertical"
          aria-label="Width of the prompt"
          aria-controls="lab-pane-prompt"
          aria-valuenow={share}
          aria-valuemin={MIN_SHARE}
          aria-valuemax={MAX_SHARE}
          aria-valuetext={`Prompt ${share} %, editor ${100 - share} %`}
          tabIndex={0}
          className="lab-divider"
          data-testid="lab-divider"
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onDoubleClick={() => resize(DEFAULT_SHARE)}
        />
        <div className="lab-work">{children}</div>
      </div>
    </ShowTab.Provider>
  );
}
