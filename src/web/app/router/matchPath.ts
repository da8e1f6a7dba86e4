export type RouteParams = Record<string, string>;

/**
 * Matches a path against a pattern such as `/inbox/:conversationId`.
 * Returns the decoded parameters, or null when the path does not match.
 */
export function matchPath(pattern: string, pathname: string) {
  const patternParts = splitPath(pattern);
  const pathParts = splitPath(pathname);
  if (patternParts.length !== pathParts.length) return null;

  const params: RouteParams = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? "";
    if (part.startsWith(":")) {
      params[part.slice(1)] = safeDecode(actual);
    } else if (part !== actual) {
      return null;
    }
  }

  return params;
}

function splitPath(path: string) {
  return path.split("/").filter((part) => part !== "");
}

function safeDecode(part: string) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
