// Where to go after signing in or up: same-site paths only; an absolute, protocol-relative or backslashed callback
// would be an open redirect.
export function safeCallbackPath(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : "/decks";
}
