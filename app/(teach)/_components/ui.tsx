// Presentational pieces of the teaching pages (server components).
import { Breadcrumb, type Crumb } from "@/app/_components/breadcrumb";
import type { ItemStatus } from "@/lib/teach/progress";

/** A teaching page's breadcrumb: chevrons between the links. */
export function TeachBreadcrumb({ trail }: { trail: Crumb[] }) {
  return <Breadcrumb trail={trail} separator="›" />;
}

/** The trail of a class's page: the instructor's classes. */
export const classesTrail: Crumb[] = [{ href: "/teach", label: "Your classes" }];

/** The trail of a page inside a class: the instructor's classes, then this class. */
export const classTrail = (classId: string, className: string): Crumb[] => [...classesTrail, { href: `/teach/classes/${classId}`, label: className }];

export function Section({ title, id, children, actions }: { title: string; id: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-lg font-medium">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

const STATUS: Record<ItemStatus, { label: string; className: string }> = {
  open: { label: "open", className: "bg-stone-100 text-stone-700 dark:bg-stone-800 dark:text-stone-300" },
  done: { label: "done", className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  "on-time": { label: "on time", className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  late: { label: "late", className: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
};

export function StatusBadge({ status }: { status: ItemStatus }) {
  const { label, className } = STATUS[status];
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${className}`}>{label}</span>;
}

export function Notice({ children }: { children: React.ReactNode }) {
  return <p className="rounded-md border border-stone-200 bg-stone-50 px-3 py-2 text-sm text-stone-700 dark:border-stone-800 dark:bg-stone-950 dark:text-stone-300">{children}</p>;
}

export const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid]:border-red-600 sm:text-sm dark:border-stone-700 dark:bg-stone-900";
