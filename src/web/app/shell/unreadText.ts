const appName = "sms-inbox";
/** Counts above this show as "99+" on the menu badge. */
const MAX_BADGE_COUNT = 99;

/**
 * Builds the tab title: "<title> · sms-inbox", led by the unread count in
 * brackets when there are unread texts, as in "(3) Inbox · sms-inbox".
 */
export function documentTitle(title: string, unread: number | null): string {
  const base = title === "" ? appName : `${title} · ${appName}`;

  return unread !== null && unread > 0 ? `(${unread}) ${base}` : base;
}

/** Text of the unread badge on the Inbox menu item; null hides it. */
export function unreadBadgeText(unread: number | null): string | null {
  if (unread === null || unread <= 0) return null;

  return unread > MAX_BADGE_COUNT ? `${MAX_BADGE_COUNT}+` : String(unread);
}
