// Runs `prisma migrate diff` between schema files (an empty `from` means an empty database).
// The CLI's WebAssembly engine insists on a reachable database through its adapter even for file-to-file
// diffs, so callers pass the URL of a scratch server; nothing is written to it.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function schemaDiffSql(options: { from: string | null; to: string; databaseUrl: string }): Promise<string> {
  const fromArgs =
    options.from && fs.existsSync(options.from) && fs.readFileSync(options.from, "utf8").trim()
      ? ["--from-schema-datamodel", options.from]
      : ["--from-empty"];
  const prisma = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");
  const { stdout } = await run(
    process.execPath,
    [prisma, "migrate", "diff", ...fromArgs, "--to-schema-datamodel", options.to, "--script"],
    { env: { ...process.env, DATABASE_URL: options.databaseUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" }, maxBuffer: 16 << 20 },
  );
  return stdout;
}
