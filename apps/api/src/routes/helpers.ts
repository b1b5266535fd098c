import { decodeCursor } from "@shopreg/domain";
import type { Context } from "hono";
import type { AppEnv, Principal, UseCaseContext } from "../context.ts";

/** The use-case context for this request: injected services, the caller, the request id. */
export const useCase = <P extends Principal>(c: Context<AppEnv>, principal: P): UseCaseContext<P> => ({
  ...c.get("services"),
  principal,
  requestId: c.get("requestId"),
});

export const pageParams = (q: { limit: number; cursor?: string | undefined }) => ({
  limit: q.limit,
  cursor: q.cursor ? decodeCursor(q.cursor) : undefined,
});
