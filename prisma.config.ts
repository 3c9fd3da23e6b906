// Prisma's CLI is used only offline here: `generate` and `migrate diff` between schema files.
// Migrations are applied by our own runner (lib/db/migrate.ts), never by `prisma migrate`.
// `engine: "js"` with an adapter keeps the CLI on its bundled WebAssembly engine (no download).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The datasource URL must resolve or the CLI tries to download a native engine; no connection is made.
process.env.DATABASE_URL ??= "postgresql://latent@127.0.0.1:5432/latent";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
