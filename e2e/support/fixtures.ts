// The specs' `test`: Playwright's, with the steps many journeys share as fixtures. Import `test` and `expect` from
// here; a fixture does its work only in the tests that ask for it.
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { test as base, type Page } from "@playwright/test";
import { signUp as signUpOn } from "./accounts";
import { PORT } from "./http";

export { expect } from "@playwright/test";

export type Role = "admin" | "instructor" | "learner";
export type Account = { page: Page; email: string };
export type AccountOptions = { name?: string; role?: Role };

type Fixtures = {
  /** Signs up a fresh learner in the test's `page` (its email begins with `prefix`); returns the email. */
  signUp: (prefix?: string) => Promise<string>;
  /**
   * A fresh account in a browser context of its own, for journeys with several people (an admin, an instructor, a
   * learner); given `role` by the operator's command. Its context has the test's time zone and closes after the test.
   */
  newAccount: (prefix: string, options?: AccountOptions) => Promise<Account>;
  /** Replaces all the code in the lab's editor (on `page`, the test's own by default), as a learner would type it. */
  typeCode: (code: string, page?: Page) => Promise<void>;
};

/** The instance's operator command (`npm run users set-role`), against the e2e server's database. */
function setRole(email: string, role: Role) {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/users.ts", "set-role", email, role], {
    env: { ...process.env, LATENT_DATA_DIR: path.join(os.tmpdir(), `latent-e2e-${PORT}`) },
    stdio: "pipe",
  });
}

export const test = base.extend<Fixtures>({
  signUp: async ({ page }, provide) => {
    await provide((prefix) => signUpOn(page, prefix));
  },
  newAccount: async ({ browser, timezoneId }, provide) => {
    const contexts: Array<{ close(): Promise<void> }> = [];
    await provide(async (prefix, options = {}) => {
      const context = await browser.newContext({ timezoneId });
      contexts.push(context);
      const page = await context.newPage();
      const email = await signUpOn(page, prefix, options.name);
      if (options.role) setRole(email, options.role);
      return { page, email };
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
  typeCode: async ({ page: testPage }, provide) => {
    await provide(async (code, page = testPage) => {
      await page.locator(".monaco-editor").click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.press("Delete");
      await page.keyboard.insertText(code);
    });
  },
});
