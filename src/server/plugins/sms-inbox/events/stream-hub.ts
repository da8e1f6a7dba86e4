import type { AppContext } from "../../../context.js";
import type { InboxEventStream } from "./event-stream.js";

/** Open streams one staff member may hold, such as one per browser tab. */
export const MAX_STREAMS_PER_STAFF = 10;

/** The open event streams of one app, so shutdown can end them. */
export class StreamHub {
  private readonly streams = new Set<InboxEventStream>();

  hasRoomFor(staffId: string): boolean {
    return this.countOf(staffId) < MAX_STREAMS_PER_STAFF;
  }

  add(stream: InboxEventStream): void {
    this.streams.add(stream);
  }

  remove(stream: InboxEventStream): void {
    this.streams.delete(stream);
  }

  /** Counts open streams, of one staff member when `staffId` is given. */
  countOf(staffId?: string): number {
    let count = 0;
    for (const stream of this.streams) {
      if (staffId === undefined || stream.viewer.staffId === staffId) {
        count += 1;
      }
    }

    return count;
  }

  /** Ends every open stream, as the server shuts down. */
  closeAll(): void {
    for (const stream of [...this.streams]) stream.close();
  }
}

const hubs = new WeakMap<AppContext, StreamHub>();

/** Returns the stream hub of the app built with `ctx`. */
export function streamHubOf(ctx: AppContext): StreamHub {
  let hub = hubs.get(ctx);
  if (!hub) {
    hub = new StreamHub();
    hubs.set(ctx, hub);
  }

  return hub;
}
