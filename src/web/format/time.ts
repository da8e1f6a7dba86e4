const minute = 60_000;
const hour = 60 * minute;

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: "numeric",
  minute: "2-digit",
});
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short" });
const dateFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
});
const dateWithYearFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  year: "numeric",
});
const fullFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "full",
  timeStyle: "short",
});

function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);

  return date.getTime();
}

/** Whole calendar days between two times in the browser's time zone. */
function daysBetween(earlier: number, later: number): number {
  return Math.round((startOfDay(later) - startOfDay(earlier)) / (24 * hour));
}

/**
 * Formats a time for the conversation list: "now", "12 min", "3:04 PM",
 * "Yesterday", a weekday within a week, then a date.
 */
export function formatListTime(iso: string, now: number): string {
  const time = new Date(iso).getTime();
  const elapsed = now - time;
  if (elapsed < minute) return "now";
  if (elapsed < hour) return `${Math.floor(elapsed / minute)} min`;

  const days = daysBetween(time, now);
  if (days === 0) return timeFormat.format(time);
  if (days === 1) return "Yesterday";
  if (days < 7) return weekdayFormat.format(time);

  return formatDate(time, now);
}

/** Formats the heading above a day's messages: "Today", "Yesterday" or a date. */
export function formatDayHeading(iso: string, now: number): string {
  const time = new Date(iso).getTime();
  const days = daysBetween(time, now);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";

  return formatDate(time, now);
}

function formatDate(time: number, now: number): string {
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();

  return (sameYear ? dateFormat : dateWithYearFormat).format(time);
}

/** Formats a calendar date with its year, such as "Mar 3, 2026". */
export function formatCalendarDate(iso: string): string {
  return dateWithYearFormat.format(new Date(iso));
}

/** Formats a message's time of day, such as "3:04 PM". */
export function formatClockTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/**
 * Formats when something happened for use inside a sentence: "today at
 * 3:04 PM", "yesterday at 3:04 PM", or "on Mar 3 at 3:04 PM" with the year
 * added for earlier years.
 */
export function formatEventTime(iso: string, now: number): string {
  const time = new Date(iso).getTime();
  const clock = timeFormat.format(time);
  const days = daysBetween(time, now);
  if (days === 0) return `today at ${clock}`;
  if (days === 1) return `yesterday at ${clock}`;

  return `on ${formatDate(time, now)} at ${clock}`;
}

/** Date and time in full, for tooltips and `<time title>`. */
export function formatFullTime(iso: string): string {
  return fullFormat.format(new Date(iso));
}

/** Checks whether two times fall on the same calendar day. */
export function isSameDay(a: string, b: string): boolean {
  return (
    startOfDay(new Date(a).getTime()) === startOfDay(new Date(b).getTime())
  );
}
