import { randomUUID } from "node:crypto";
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
