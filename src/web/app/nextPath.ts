/**
 * Returns the in-app path to open after signing in, read from `?next=`.
 * Anything that is not a local path (such as `//evil.example`) gives "/",
 * so the parameter cannot send a signed-in user to another site.
 */
export function readNextPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  if (!next?.startsWith("/") || next.startsWith("//")) return "/";
  if (next.startsWith("/\\")) return "/";

  return next;
}

/** Returns the sign-in URL that comes back to `path` afterwards. */
export function loginPathFor(path: string): string {
  if (path === "/" || path === "/login" || path === "/setup") return "/login";

  return `/login?next=${encodeURIComponent(path)}`;
}
