import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyBaseLogger } from "fastify";

interface ClientErrorReply {
  status: number;
  code: string;
  message: string;
}

/**
 * Returns the reply to a request that Node's HTTP parser rejected before
 * any route ran. Node limits the request line and headers to 16 KiB by
 * default (`--max-http-header-size`).
 */
function replyFor(errorCode: string | undefined): ClientErrorReply {
  if (errorCode === "HPE_HEADER_OVERFLOW") {
    return {
      status: 431,
      code: "headers_too_large",
      message:
        "The request's URL and headers are larger than the server accepts (16 KiB). Send a shorter URL, or fewer or shorter headers, such as fewer cookies for this site.",
    };
  }
  if (errorCode === "HPE_REQUEST_TIMEOUT") {
    return {
      status: 408,
      code: "request_timeout",
      message:
        "The request headers did not arrive in time. Send the request again.",
    };
  }

  return {
    status: 400,
    code: "bad_request",
    message:
      "The request could not be parsed as HTTP. Check the client or proxy that sent it.",
  };
}

/**
 * Creates Fastify's handler for requests that Node could not parse. It
 * replies with the app's `{ error: { code, message } }` body, the shape
 * every route uses, and closes the connection.
 */
export function createClientErrorHandler(logger: FastifyBaseLogger) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    logger.debug({ err: error }, "client error before routing");
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();

      return;
    }

    const reply = replyFor(error.code);
    const body = JSON.stringify({
      error: { code: reply.code, message: reply.message },
    });
    socket.end(
      [
        `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ""}`,
        "Connection: close",
        "Content-Type: application/json; charset=utf-8",
        `Content-Length: ${Buffer.byteLength(body)}`,
        "",
        body,
      ].join("\r\n"),
    );
  };
}
