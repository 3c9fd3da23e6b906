// Where to go after signing in. Only a path of this site is accepted: a callbackUrl is chosen by whoever wrote the
// link, and an off-site one would send a learner who just typed their password to someone else's page.
//
// "Starts with a slash" is not enough: browsers read `/\evil.example` as `//evil.example`, drop tabs and newlines
// (`/<TAB>/evil.example`), and take `//host` as another host. So the value is resolved exactly as a browser would
// resolve it against this site, and kept only if it stays on this site's origin.

const PLACEHOLDER_ORIGIN = "http://latent.invalid";

/** This site's origin as NEXTAUTH_URL names it, or a placeholder that no link can point to. */
export function siteOrigin(): string {
  try {
    return new URL(process.env.NEXTAUTH_URL ?? PLACEHOLDER_ORIGIN).origin;
  } catch {
    return PLACEHOLDER_ORIGIN;
  }
}

/**
 * A same-origin path (path, query and fragment) for `value`, or `fallback` when `value` is missing or leads
 * anywhere else. `origin` is this site's (NEXTAUTH_URL's), so an absolute URL to this very site is accepted.
 */
export function safeCallbackPath(value: string | null | undefined, fallback = "/", origin = siteOrigin()): string {
  if (!value) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (resolved.origin !== new URL(origin).origin) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // A path that itself begins with two slashes (or a backslash) would leave the site when used as a link.
  return /^\/[/\\]/.test(path) ? fallback : path;
}
