import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listUsers } from "@/lib/teach/users";
import { ApiButton } from "../_components/api-button";
import { inputClass } from "../_components/ui";

export const metadata: Metadata = { title: "Admin" };

type Props = { searchParams: Promise<{ q?: string; page?: string }> };

const ROLE = { LEARNER: "learner", INSTRUCTOR: "instructor", ADMIN: "admin" } as const;

export default async function AdminPage({ searchParams }: Props) {
  const user = await requireRole("ADMIN", "/admin");
  const { q = "", page = "1" } = await searchParams;
  const list = await listUsers(getDb(), user, { query: q.slice(0, 200), page: Number(page) || 1 });
  return (
    <div className="space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Accounts</h1>
        <p className="text-stone-700 dark:text-stone-300">Instructors create classes and tracks and see their classes&apos; gradebooks. Admins can do everything.</p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <div className="min-w-56 flex-1 space-y-1">
          <label htmlFor="q" className="block text-sm font-medium">
            Find by email or name
          </label>
          <input id="q" name="q" defaultValue={q} className={inputClass} />
        </div>
        <button type="submit" className="rounded-md border border-stone-300 px-3 py-2 text-sm hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
          Search
        </button>
      </form>
      <p className="text-sm text-stone-600 dark:text-stone-400" role="status">
        {list.total} {list.total === 1 ? "account" : "accounts"}
      </p>
      <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
        <table className="min-w-full text-sm" aria-label="Accounts">
          <thead className="bg-stone-100 text-left dark:bg-stone-800">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Account
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Role
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Teaching
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.users.map((account) => (
              <tr key={account.id} className="border-t border-stone-200 dark:border-stone-800" data-testid="account-row" data-email={account.email}>
                <td className="px-3 py-2">
                  {account.name && <span className="block">{account.name}</span>}
                  <span className="text-stone-600 dark:text-stone-400">{account.email}</span>
                </td>
                <td className="px-3 py-2" data-testid="account-role">
                  {ROLE[account.role]}
                </td>
                <td className="px-3 py-2 tabular-nums">{account.teaching > 0 ? `${account.teaching} ${account.teaching === 1 ? "class" : "classes"}` : "—"}</td>
                <td className="px-3 py-2 text-right">
                  {account.role === "LEARNER" && (
                    <ApiButton method="POST" url={`/api/admin/users/${account.id}/role`} body={{ instructor: true }} label={`Make instructor: ${account.email}`}>
                      Make instructor
                    </ApiButton>
                  )}
                  {account.role === "INSTRUCTOR" && (
                    <ApiButton
                      method="POST"
                      url={`/api/admin/users/${account.id}/role`}
                      body={{ instructor: false }}
                      variant="danger"
                      confirm={`Take the instructor role back from ${account.email}? Their classes stay, but they cannot teach them until you give it again.`}
                      label={`Take back: ${account.email}`}
                    >
                      Take back
                    </ApiButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.pages > 1 && (
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {list.page > 1 && (
            <Link href={`/admin?${new URLSearchParams({ q, page: String(list.page - 1) })}`} className="underline">
              Previous
            </Link>
          )}
          <span>
            Page {list.page} of {list.pages}
          </span>
          {list.page < list.pages && (
            <Link href={`/admin?${new URLSearchParams({ q, page: String(list.page + 1) })}`} className="underline">
              Next
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
