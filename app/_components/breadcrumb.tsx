import Link from "next/link";
import { Fragment } from "react";

export type Crumb = { href: string; label: string };

/**
 * Where a page sits: its parent pages, outermost first, each a link. A learner's pages separate them with a slash
 * (read out); the teaching pages with a chevron (not read out), in a row that wraps.
 */
export function Breadcrumb({ trail, separator = "/" }: { trail: Crumb[]; separator?: "/" | "›" }) {
  const chevron = separator === "›";
  return (
    <nav aria-label="Breadcrumb" className={`${chevron ? "flex flex-wrap gap-2 " : ""}text-sm text-stone-600 dark:text-stone-400`}>
      {trail.map(({ href, label }, i) => (
        <Fragment key={href}>
          {i > 0 && (chevron ? <span aria-hidden>›</span> : " / ")}
          <Link href={href} className="underline">
            {label}
          </Link>
        </Fragment>
      ))}
    </nav>
  );
}
