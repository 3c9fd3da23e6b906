import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listAudit } from "@/lib/teach/audit";
import { getClassOverview } from "@/lib/teach/classes";
import { formatDue } from "@/lib/teach/due";
import { formatJoinCode } from "@/lib/teach/join-code";
import { ApiButton } from "../../../_components/api-button";
import { AuditList } from "../../../_components/audit-list";
import { loadOrRefuse } from "../../../_components/guard";
import { TeachBreadcrumb, classesTrail, Section } from "../../../_components/ui";
import { AddInstructorForm, ClassSettingsForm, CreateTrackForm } from "./forms";
import { InviteLink } from "./invite-link";
import { UploadDeckForm } from "./upload-deck-form";

export const metadata: Metadata = { title: "Class" };

type Props = { params: Promise<{ classId: string }> };

export default async function ClassPage({ params }: Props) {
  const { classId } = await params;
  const user = await requireUser(`/teach/classes/${classId}`);
  const db = getDb();
  const loaded = await loadOrRefuse(getClassOverview(db, user, classId));
  if (!loaded.ok) return loaded.page;
  const klass = loaded.value;
  const isOwner = klass.access.role === "owner";
  const learners = klass.members.filter((member) => member.role === "LEARNER");
  const instructors = klass.members.filter((member) => member.role !== "LEARNER");
  const audit = await listAudit(db, classId, { limit: 30 });
  const tz = klass.timeZone;
  // The public URL when configured (behind a proxy the Host header may be an internal name), else this request's host.
  const host = (await headers()).get("host") ?? "localhost";
  const origin = process.env.NEXTAUTH_URL?.replace(/\/$/, "") ?? `http://${host}`;

  return (
    <div className="space-y-6">
      <TeachBreadcrumb trail={classesTrail} />
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{klass.name}</h1>
          {klass.description && <p className="mt-1 max-w-2xl text-stone-700 dark:text-stone-300">{klass.description}</p>}
          <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
            {learners.length} {learners.length === 1 ? "learner" : "learners"} · time zone {tz}
            {klass.access.viaAdmin && " · you manage it as an admin"}
          </p>
        </div>
        <Link href={`/teach/classes/${classId}/gradebook`} className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
          Open the gradebook
        </Link>
      </header>

      <Section title="Invite learners" id="invite">
        <p className="text-sm text-stone-700 dark:text-stone-300">Learners join on their “My tracks” page with this code, or by opening the invite link.</p>
        <p className="font-mono text-3xl tracking-widest" data-testid="join-code" aria-label={`Join code ${klass.joinCode.split("").join(" ")}`}>
          {formatJoinCode(klass.joinCode)}
        </p>
        <InviteLink url={`${origin}/join/${klass.joinCode}`} />
        <ApiButton method="POST" url={`/api/teach/classes/${classId}/join-code`} confirm="Make a new code? The current code and invite link will stop working.">
          New code
        </ApiButton>
      </Section>

      <Section title="Tracks" id="tracks">
        {klass.tracks.length === 0 ? (
          <p className="text-sm text-stone-700 dark:text-stone-300">No tracks yet. A track is an ordered list of decks to study and exercises to pass, each with an optional due date.</p>
        ) : (
          <ul className="divide-y divide-stone-200 dark:divide-stone-800" aria-label="Tracks">
            {klass.tracks.map((track) => {
              const next = track.items.map((item) => item.dueAt).filter((due): due is Date => due !== null && due > new Date()).sort((a, b) => a.getTime() - b.getTime())[0];
              return (
                <li key={track.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                  <Link href={`/teach/classes/${classId}/tracks/${track.id}`} className="font-medium text-indigo-700 underline dark:text-indigo-300">
                    {track.title}
                  </Link>
                  <span className="text-sm text-stone-600 dark:text-stone-400">
                    {track._count.items} {track._count.items === 1 ? "item" : "items"}
                    {next && ` · next due ${formatDue(next, tz)}`}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        <CreateTrackForm classId={classId} />
      </Section>

      <Section title="Class decks" id="decks">
        <p className="text-sm text-stone-700 dark:text-stone-300">
          Q&amp;A markdown in the format of <code>content/</code>, visible to this class only. Uploading a file with the same name again updates its notes in place;
          learners keep their progress.
        </p>
        {klass.decks.length > 0 && (
          <ul className="divide-y divide-stone-200 dark:divide-stone-800" aria-label="Class decks">
            {klass.decks.map((deck) => (
              <li key={deck.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <Link href={`/decks/${deck.slug}`} className="underline">
                  {deck.title}
                </Link>
                <span className="text-sm text-stone-600 dark:text-stone-400">
                  {deck.sourcePath} · {deck._count.notes} notes · updated {formatDue(deck.updatedAt, tz)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <UploadDeckForm classId={classId} />
      </Section>

      <Section title={`Learners (${learners.length})`} id="learners">
        {learners.length === 0 ? (
          <p className="text-sm text-stone-700 dark:text-stone-300">Nobody has joined yet. Share the code above.</p>
        ) : (
          <ul className="divide-y divide-stone-200 dark:divide-stone-800" aria-label="Learners">
            {learners.map((member) => (
              <li key={member.user.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <Link href={`/teach/classes/${classId}/learners/${member.user.id}`} className="underline">
                    {member.user.name || member.user.email}
                  </Link>{" "}
                  <span className="text-sm text-stone-600 dark:text-stone-400">
                    {member.user.name && member.user.email} · joined {formatDue(member.joinedAt, tz)}
                  </span>
                </span>
                <ApiButton
                  method="DELETE"
                  url={`/api/teach/classes/${classId}/members/${member.user.id}`}
                  variant="danger"
                  confirm={`Remove ${member.user.name || member.user.email} from ${klass.name}? Their cards, history and submissions stay theirs.`}
                  label={`Remove ${member.user.name || member.user.email}`}
                >
                  Remove
                </ApiButton>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Instructors" id="instructors">
        <ul className="divide-y divide-stone-200 dark:divide-stone-800" aria-label="Instructors">
          {instructors.map((member) => (
            <li key={member.user.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {member.user.name || member.user.email} <span className="text-sm text-stone-600 dark:text-stone-400">{member.role === "OWNER" ? "owner" : "co-instructor"}</span>
              </span>
              {isOwner && member.role === "INSTRUCTOR" && (
                <ApiButton
                  method="DELETE"
                  url={`/api/teach/classes/${classId}/members/${member.user.id}`}
                  variant="danger"
                  confirm={`Remove ${member.user.name || member.user.email} as an instructor of ${klass.name}?`}
                  label={`Remove ${member.user.name || member.user.email} as instructor`}
                >
                  Remove
                </ApiButton>
              )}
            </li>
          ))}
        </ul>
        {isOwner ? (
          <AddInstructorForm classId={classId} />
        ) : (
          <p className="text-sm text-stone-600 dark:text-stone-400">The class&apos;s owner adds and removes co-instructors.</p>
        )}
      </Section>

      <Section title="Settings" id="settings">
        <ClassSettingsForm classId={classId} name={klass.name} description={klass.description} timeZone={tz} timeZones={Intl.supportedValuesOf("timeZone")} />
        {isOwner && (
          <div className="border-t border-stone-200 pt-3 dark:border-stone-800">
            <ApiButton
              method="DELETE"
              url={`/api/teach/classes/${classId}`}
              variant="danger"
              redirectTo="/teach"
              confirm={`Delete ${klass.name}? Learners leave it and its decks are hidden; their cards, review history and submissions are kept.`}
            >
              Delete this class
            </ApiButton>
          </div>
        )}
      </Section>

      <Section title="History" id="history">
        <AuditList entries={audit} timeZone={tz} />
      </Section>
    </div>
  );
}
