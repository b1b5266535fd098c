import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import type { MiddlewareHandler } from "hono";
import type { AppEnv, AppServices } from "../context.ts";

/** Every response carries x-request-id; a well-formed incoming one is kept for tracing across hops. */
export const requestId =
  (services: AppServices): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const id = incoming && /^[A-Za-z0-9._:-]{8,128}$/.test(incoming) ? incoming : `req_${randomUUID().replaceAll("-", "")}`;
    c.set("requestId", id);
    c.set("services", services);
    c.set("principal", undefined);
    c.header("x-request-id", id);
    await next();
    c.header("x-request-id", id);
  };

/**
 * Requests Node refuses before the app sees them (a request line and headers over its limit, a
 * malformed request) are answered in the API's error shape with an x-request-id, as every other
 * answer is, instead of Node's bare status line. Attach to the HTTP server that serves the app.
 */
export function answerRefusedRequests(server: { on(event: "clientError", l: (err: Error, socket: Socket) => void): unknown }) {
  server.on("clientError", (err, socket) => {
    const code = (err as { code?: string }).code;
    if (code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = code === "HPE_HEADER_OVERFLOW";
    const id = `req_${randomUUID().replaceAll("-", "")}`;
    const body = JSON.stringify({
      error: {
        code: tooLarge ? "request_header_too_large" : "bad_request",
        message: tooLarge
          ? "The request line and headers are larger than the server takes (16 KB); send fewer or shorter query parameters."
          : "The request is not valid HTTP.",
        request_id: id,
      },
    });
    socket.end(
      `HTTP/1.1 ${tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request"}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${id}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
}
