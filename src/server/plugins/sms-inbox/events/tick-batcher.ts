/** Loads a group's results for a set of members, such as staff ids. */
export type GroupLoader<Group, Result> = (
  group: Group,
  members: readonly string[],
) => Promise<(member: string) => Result>;

interface PendingRequest<Result> {
  member: string;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

interface PendingGroup<Group, Result> {
  group: Group;
  requests: PendingRequest<Result>[];
}

/**
 * Combines the requests made within one turn of the event loop. Requests
 * whose groups have the same key are resolved by one load for the set of
 * their members, which starts at setImmediate. A load therefore starts
 * after every request it resolves, so a result is never older than its
 * request. A failed load rejects every request it would have resolved.
 */
export class TickBatcher<Group, Result> {
  private readonly pending = new Map<string, PendingGroup<Group, Result>>();

  constructor(
    private readonly keyOf: (group: Group) => string,
    private readonly loadGroup: GroupLoader<Group, Result>,
    /**
     * Largest member set of one load. Larger sets are split, which keeps an
     * IN list far below the bound-parameter limits of SQLite 3.32+ (32,766)
     * and PostgreSQL (65,535).
     */
    private readonly maxMembers = 500,
  ) {}

  load(group: Group, member: string): Promise<Result> {
    const key = this.keyOf(group);
    let batch = this.pending.get(key);
    if (!batch) {
      const created: PendingGroup<Group, Result> = { group, requests: [] };
      this.pending.set(key, created);
      setImmediate(() => this.flush(key, created));
      batch = created;
    }
    const requests = batch.requests;

    return new Promise<Result>((resolve, reject) => {
      requests.push({ member, resolve, reject });
    });
  }

  private flush(key: string, batch: PendingGroup<Group, Result>): void {
    this.pending.delete(key);
    const members = [
      ...new Set(batch.requests.map((request) => request.member)),
    ];
    for (let start = 0; start < members.length; start += this.maxMembers) {
      const chunk = new Set(members.slice(start, start + this.maxMembers));
      const requests = batch.requests.filter((request) =>
        chunk.has(request.member),
      );
      void this.loadChunk(batch.group, [...chunk], requests);
    }
  }

  private async loadChunk(
    group: Group,
    members: readonly string[],
    requests: readonly PendingRequest<Result>[],
  ): Promise<void> {
    let pick: (member: string) => Result;
    try {
      pick = await this.loadGroup(group, members);
    } catch (error) {
      for (const request of requests) request.reject(error);

      return;
    }

    for (const request of requests) {
      try {
        request.resolve(pick(request.member));
      } catch (error) {
        request.reject(error);
      }
    }
  }
}
