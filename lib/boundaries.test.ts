// The import boundaries of eslint.config.mjs (rule latent/boundaries), run through ESLint itself on deliberate
// wrong-way imports: each must be reported, and the right-way imports beside them must not.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "..");

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: REPO });
});

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result!.messages.filter((m) => m.ruleId === "latent/boundaries").map((m) => m.message);
}

describe("latent/boundaries", () => {
  it.each([
    ["lib/srs/wrong.ts", `import { db } from "@/lib/db/client";\nexport const x = db;\n`, "lib/srs is pure"],
    ["lib/srs/wrong.ts", `import { useState } from "react";\nexport const x = useState;\n`, "lib/srs is pure"],
    ["lib/srs/wrong.ts", `import { db } from "../db/client";\nexport const x = db;\n`, "lib/srs is pure"],
    ["lib/lab/api/wrong.ts", `import fs from "node:fs";\nexport const x = fs;\n`, "portable test runner"],
    ["lib/lab/runner/wrong.ts", `import { db } from "@/lib/db/client";\nexport const x = db;\n`, "portable test runner"],
    ["lib/lab/sandbox/isolate-entry.ts", `import { x } from "../submissions/submit";\nexport const y = x;\n`, "portable test runner"],
    ["lib/review/wrong.ts", `import { x } from "@/app/(study)/review/page";\nexport const y = x;\n`, "app → lib → db"],
    ["lib/db/wrong.ts", `import { x } from "@/lib/review/queue";\nexport const y = x;\n`, "bottom layer"],
    ["lib/http/wrong.ts", `import { x } from "@/lib/lab/exercises";\nexport const y = x;\n`, "knows no domain"],
    ["lib/auth/wrong.ts", `import { x } from "../review/cards";\nexport const y = x;\n`, "not what they study"],
    ["app/(study)/wrong.tsx", `"use client";\nimport { db } from "@/lib/db/client";\nexport const x = db;\n`, "browser code"],
    ["app/(study)/wrong.tsx", `"use client";\nexport { loadQueue } from "@/lib/review/queue";\n`, "browser code"],
    ["app/(study)/wrong.tsx", `"use client";\nexport async function f() { return import("@/lib/jobs/enqueue"); }\n`, "browser code"],
    ["lib/lab/browser/wrong.ts", `import { x } from "../submissions/submit";\nexport const y = x;\n`, "browser code"],
  ])("refuses %s: %s", async (file, code, why) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(why);
  });

  it.each([
    ["app/(study)/ok.tsx", `import { db } from "@/lib/db/client";\nexport const x = db;\n`],
    ["app/(study)/ok.tsx", `"use client";\nimport type { ReviewQueue } from "@/lib/review/queue";\nexport type X = ReviewQueue;\n`],
    ["app/(study)/ok.tsx", `"use client";\nimport { formatInterval } from "@/lib/srs/interval-label";\nexport const x = formatInterval;\n`],
    ["lib/review/ok.ts", `import { db } from "@/lib/db/client";\nimport { studyDay } from "@/lib/srs/day";\nexport const x = [db, studyDay];\n`],
    ["lib/srs/ok.ts", `import { z } from "zod";\nimport { studyDay } from "./day";\nexport const x = [z, studyDay];\n`],
    ["lib/lab/runner/node-tf.ts", `import * as tf from "@tensorflow/tfjs";\nimport path from "node:path";\nexport const x = [tf, path];\n`],
    ["lib/db/ok.test.ts", `import { createUser } from "@/lib/auth/accounts";\nexport const x = createUser;\n`],
  ])("allows %s: %s", async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
