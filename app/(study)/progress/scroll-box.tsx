// A box that scrolls sideways when its table is wider than a phone: focusable, so it scrolls from the keyboard too.
export function ScrollBox({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
