import { isIP } from "node:net";

/** The reason Twilio's servers cannot open a URL on a host. */
type UnreachableKind = "loopback" | "private" | "local_name";

/** Name suffixes that resolve only inside a home or company network. */
const LOCAL_NAME_SUFFIXES = [
  ".localhost",
  ".local",
  ".internal",
  ".lan",
  ".home.arpa",
];

/**
 * Returns why the webhook URLs built on `publicUrl` cannot be reached by
 * Twilio, as a message with the step to take, or null when they can. A
 * host on a loopback or private address, or a name without a public
 * domain, is out of Twilio's reach. When the app talks to a Twilio API on
 * such a host too, as with the bundled sandbox, that API can reach the
 * URL, so nothing is reported.
 */
export function unreachablePublicUrl(
  publicUrl: string,
  twilioApiBaseUrl: string,
): string | null {
  const host = urlHost(publicUrl);
  const kind = host === null ? null : unreachableKind(host);
  if (host === null || kind === null) return null;

  const apiHost = urlHost(twilioApiBaseUrl);
  if (apiHost !== null && unreachableKind(apiHost) !== null) return null;

  return `Twilio cannot reach ${host}, because it is ${describeKind(kind)}. Set PUBLIC_URL to the public HTTPS address of this server (for example its address behind a reverse proxy or a tunnel), restart the server, and set the webhook on each number again.`;
}

/** Returns the host of `url` without IPv6 brackets, or null if unparsable. */
function urlHost(url: string): string | null {
  if (!URL.canParse(url)) return null;

  return new URL(url).hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}

function unreachableKind(host: string): UnreachableKind | null {
  const version = isIP(host);
  if (version === 4) return ipv4Kind(host);
  if (version === 6) return ipv6Kind(host);

  const name = host.replace(/\.$/, "");
  if (name === "localhost") return "loopback";

  const isLocalName =
    !name.includes(".") ||
    LOCAL_NAME_SUFFIXES.some((suffix) => name.endsWith(suffix));

  return isLocalName ? "local_name" : null;
}

function ipv4Kind(address: string): UnreachableKind | null {
  const [a = 0, b = 0] = address.split(".").map(Number);
  if (a === 127 || a === 0) return "loopback";

  const isPrivate =
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127);

  return isPrivate ? "private" : null;
}

function ipv6Kind(address: string): UnreachableKind | null {
  if (address === "::1" || address === "::") return "loopback";

  // URL writes an IPv4-mapped address in hex, such as ::ffff:c0a8:9.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (mapped) {
    const high = Number.parseInt(mapped[1] ?? "0", 16);
    const low = Number.parseInt(mapped[2] ?? "0", 16);

    return ipv4Kind([high >> 8, high & 0xff, low >> 8, low & 0xff].join("."));
  }

  const first = Number.parseInt(address.split(":")[0] || "0", 16);
  // fc00::/7 (unique local) and fe80::/10 (link-local).
  const isPrivate = (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;

  return isPrivate ? "private" : null;
}

function describeKind(kind: UnreachableKind): string {
  switch (kind) {
    case "loopback":
      return "an address of this computer only";
    case "private":
      return "an address on a private network";
    case "local_name":
      return "a name that resolves only on your own network";
  }
}
