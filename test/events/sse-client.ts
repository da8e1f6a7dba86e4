import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from "node:http";

/** One server-sent event as a browser's EventSource would parse it. */
export interface SseEvent {
  id: string | null;
  data: string;
}

export interface SseConnection {
  status: number;
  headers: IncomingHttpHeaders;
  /** The last `id:` received, with or without data, as EventSource keeps it. */
  lastEventId(): string | null;
  /** The `retry:` value the server sent, once it arrived. */
  retryMs(): number | null;
  /** Counts the comment lines (heartbeats) received so far. */
  commentCount(): number;
  /** Waits for the next event; throws after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Returns every event that arrives within `ms`. */
  collect(ms: number): Promise<SseEvent[]>;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  /** Destroys the connection, as a closing browser tab would. */
  close(): void;
}

/**
 * Opens GET `url` on a connection of its own and parses its
 * text/event-stream body by hand. A non-200 response is returned with its
 * status and no events. It uses node:http rather than fetch, because
 * fetch's connection pool may open spare connections that keep a closing
 * server waiting.
 */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseConnection> {
  const request = httpRequest(url, { headers, agent: false });
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    request.once("response", resolve);
    request.once("error", reject);
    request.end();
  });
  const queue: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let retry: number | null = null;
  let lastEventId: string | null = null;
  let comments = 0;
  let isEnded = false;

  const handleBlock = (block: string) => {
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) comments += 1;
      else if (line.startsWith("id: ")) id = line.slice(4);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
      else if (line.startsWith("retry: ")) retry = Number(line.slice(7));
    }
    if (id !== null) lastEventId = id;
    if (data.length === 0) return;

    queue.push({ id, data: data.join("\n") });
    for (const wake of waiters.splice(0)) wake();
  };

  const ended = readBody(response, handleBlock).finally(() => {
    isEnded = true;
    for (const wake of waiters.splice(0)) wake();
  });

  const next = async (timeoutMs = 3_000): Promise<SseEvent> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = queue.shift();
      if (event) return event;

      const left = deadline - Date.now();
      if (left <= 0 || isEnded) {
        throw new Error(`no event within ${timeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };

  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    lastEventId: () => lastEventId,
    retryMs: () => retry,
    commentCount: () => comments,
    next,
    collect: async (ms) => {
      await new Promise((resolve) => setTimeout(resolve, ms));

      return queue.splice(0);
    },
    ended,
    close: () => request.destroy(),
  };
}

/** Reads the body as text and calls `onBlock` for each blank-line-ended block. */
async function readBody(
  response: IncomingMessage,
  onBlock: (block: string) => void,
): Promise<void> {
  if (response.statusCode !== 200) {
    response.resume();
    await new Promise((resolve) => response.once("close", resolve));

    return;
  }

  response.setEncoding("utf8");
  let buffer = "";
  try {
    for await (const chunk of response) {
      buffer += String(chunk);
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        onBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
      }
    }
  } catch {
    // A destroyed request ends the body with an error; the stream is over.
  }
}
