// npm run lockfile:complete — run after `npm install` changes package-lock.json.
// The registry these machines reach does not serve other platforms' builds of native packages (@next/swc-darwin-*,
// @tailwindcss/oxide-win32-*, …), so npm leaves them out of the lockfile, and then `npm ci` refuses the lockfile
// ("Missing: … from lock file", npm/cli#8805). This adds each missing optional dependency as an optional entry;
// `npm ci` then skips it on a platform it does not fit, as it would with a complete lockfile.
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const packages = lock.packages;
const added = [];
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${key ? `${key}/` : ""}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]) continue;
    packages[top] = { version: String(spec).replace(/^[\^~=]/, ""), optional: true, ...(entry.dev ? { dev: true } : {}) };
    added.push(`${name}@${packages[top].version}`);
  }
}
if (added.length > 0) {
  const [[root, rootEntry], ...rest] = Object.entries(packages);
  rest.sort(([a], [b]) => a.localeCompare(b));
  lock.packages = Object.fromEntries([[root, rootEntry], ...rest]);
  fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(added.length ? `package-lock.json: added ${added.length} optional platform entries: ${added.join(", ")}` : "package-lock.json: complete");
