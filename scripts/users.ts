// npm run users -- list
// npm run users -- set-role <email> <learner|instructor|admin>
// For operators: who the accounts are, and any account's role — also the way back when an instance's admin account
// is lost (the admin page cannot make admins). Uses the embedded database unless DATABASE_URL is set.
import { z } from "zod";
import { createDb } from "@/lib/db/client";
import { bootDatabase, loadEnvironment } from "@/lib/server/boot";
import { setRoleByEmail } from "@/lib/teach/users";

const argv = process.argv.slice(2).filter((arg) => arg !== "--");
const args = (
  argv[0] === "set-role"
    ? z.tuple([z.literal("set-role"), z.email("give the account's email after set-role"), z.enum(["learner", "instructor", "admin"], { error: "the role is learner, instructor or admin" })])
    : z.tuple([z.literal("list", { error: "the command is list or set-role" })])
).safeParse(argv);

async function main() {
  if (!args.success) {
    console.error(`Usage: npm run users -- list\n       npm run users -- set-role <email> <learner|instructor|admin>\n${args.error.issues[0]?.message ?? ""}`);
    process.exit(2);
  }
  loadEnvironment(false);
  const database = await bootDatabase({ log: () => undefined });
  const db = createDb(database.databaseUrl, { max: 2 });
  try {
    if (args.data[0] === "list") {
      const users = await db.user.findMany({ orderBy: { createdAt: "asc" }, select: { email: true, role: true, createdAt: true } });
      for (const user of users) console.log(`${user.role.toLowerCase().padEnd(10)} ${user.email}  (since ${user.createdAt.toISOString().slice(0, 10)})`);
      if (users.length === 0) console.log("No accounts yet: the first one to sign up becomes the admin.");
    } else {
      const [, email, role] = args.data;
      const changed = await setRoleByEmail(db, email, role.toUpperCase() as "LEARNER" | "INSTRUCTOR" | "ADMIN");
      console.log(changed.from === changed.to ? `${email} is already ${role}.` : `${email}: ${changed.from.toLowerCase()} → ${role}.`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
