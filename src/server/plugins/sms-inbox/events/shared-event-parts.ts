/** How long a loaded part stays shared, in milliseconds. */
const SHARE_MS = 5_000;

/**
 * Shares the parts of an event's payload that are the same for every
 * viewer, so the streams of one process that wake for the same event load
 * them once instead of once per stream. Entries are keyed by company and
 * event id, and an event's id never changes meaning, so a shared part is
 * the state as of the first load, at most SHARE_MS old.
 */
export class SharedEventParts<Value> {
  private readonly entries = new Map<
    string,
    { loadedAt: number; value: Promise<Value> }
  >();

  load(companyId: string, eventId: number, loader: () => Promise<Value>) {
    const now = Date.now();
    this.prune(now);
    const key = `${companyId}:${eventId}`;
    const entry = this.entries.get(key);
    if (entry) return entry.value;

    const value = loader();
    this.entries.set(key, { loadedAt: now, value });
    // A failed load is not shared, so the next stream tries again.
    value.catch(() => this.entries.delete(key));

    return value;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.loadedAt <= SHARE_MS) break;
      this.entries.delete(key);
    }
  }
}
