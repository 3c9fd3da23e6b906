// The routes Latent's server answers itself must not load React or Next.js into the server's own module graph: the
// server process already holds Next.js's bundled copies, and with a second React beside them the server's memory
// under a 40 MiB server-action body grew past e2e/request-bodies.spec.ts's bound (docs/benchmarks.md, bench:review).
// This reads the graph the way a bundler does, from the source.
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";

const FRAMEWORK = /^(react|react-dom|next)(\/|$)/;

async function frameworkImports(entry: string): Promise<string[]> {
  const found: string[] = [];
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "silent",
    tsconfig: "tsconfig.json",
    plugins: [
      {
        name: "framework-imports",
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (FRAMEWORK.test(args.path)) found.push(`${args.path} (from ${args.importer.replace(process.cwd() + "/", "")})`);
            // next-auth's session decoding is followed into the package; other packages are leaves here.
            if (args.path.startsWith("next-auth") || args.path.startsWith("@/")) return undefined;
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return found;
}

describe("the routes Latent's server answers itself", () => {
  it("load neither React nor Next.js", async () => {
    expect(await frameworkImports("lib/server/direct-routes.ts")).toEqual([]);
  });

  it("(the check sees them where they are: the pages' session helpers import both)", async () => {
    expect(await frameworkImports("lib/auth/session.ts")).toEqual(expect.arrayContaining([expect.stringMatching(/^next\/headers/), expect.stringMatching(/^react /)]));
  });
});
