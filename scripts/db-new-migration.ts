// npm run db:migration:new -- <name> [--from <old-schema.prisma>]
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL from the last committed schema
// (git HEAD, or --from) to prisma/schema.prisma. The migrations test then proves the result matches.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { schemaDiffSql } from "@/lib/db/schema-diff";
import { withScratchServer } from "@/lib/db/scratch";

const args = z
  .tuple([z.string().regex(/^[a-z0-9_]+$/, "The migration name is lower_snake_case, e.g. add_cards")])
  .rest(z.string())
  .safeParse(process.argv.slice(2));

async function main() {
  if (!args.success) {
    console.error(`Usage: npm run db:migration:new -- <name> [--from <old-schema.prisma>]\n${args.error.issues[0]?.message}`);
    process.exit(2);
  }
  const [name, ...rest] = args.data;
  const fromIndex = rest.indexOf("--from");
  let fromFile = fromIndex >= 0 ? rest[fromIndex + 1] : undefined;
  if (!fromFile) {
    fromFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "latent-schema-")), "schema.prisma");
    let committed = "";
    try {
      committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    } catch {
      committed = "";
    }
    fs.writeFileSync(fromFile, committed);
  }
  const sql = await withScratchServer((url) => schemaDiffSql({ from: fromFile, to: "prisma/schema.prisma", databaseUrl: url }));
  if (!sql.trim() || /^-- This is an empty migration\.?\s*$/m.test(sql.trim())) {
    console.log("prisma/schema.prisma matches the last schema: no migration written.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${dir}/migration.sql — review it, then commit it with the schema.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
