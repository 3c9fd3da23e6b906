// A comparable description of a database's public schema, read from PostgreSQL's catalogs:
// used to prove that the migrations produce exactly what prisma/schema.prisma describes.
import pg from "pg";

export async function describeSchema(databaseUrl: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows.map((row) => Object.values(row).join(" | ")).sort();
    return {
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, '')
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_latent_migrations'`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_latent_migrations'`),
      constraints: await q(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_latent_migrations'`),
      enums: await q(`SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t
        JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`),
    };
  } finally {
    await client.end();
  }
}
