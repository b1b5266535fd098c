import { type Cursor, decodeCursor, Validation } from "@shopreg/domain";
import type { Context } from "hono";
import type { AppEnv, Principal, UseCaseContext } from "../context.ts";

/** The use-case context for this request: injected services, the caller, the request id. */
export const useCase = <P extends Principal>(c: Context<AppEnv>, principal: P): UseCaseContext<P> => ({
  ...c.get("services"),
  principal,
  requestId: c.get("requestId"),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const badCursor = () =>
  new Validation("The cursor is not valid; use next_cursor from a previous page.", [
    { path: "cursor", message: "Malformed cursor." },
  ]);

/**
 * Decodes the cursor and checks its parts before they reach SQL: a well-formed cursor with a
 * non-uuid id or a non-date time key is the caller's mistake (422), not a database error (500).
 */
export const pageParams = (q: { limit: number; cursor?: string | undefined }, opts: { key?: "time" } = {}) => {
  let cursor: Cursor | undefined;
  if (q.cursor) {
    cursor = decodeCursor(q.cursor);
    if (!UUID.test(cursor.id)) throw badCursor();
    if (opts.key === "time" && (typeof cursor.k !== "string" || Number.isNaN(Date.parse(cursor.k)))) throw badCursor();
  }
  return { limit: q.limit, cursor };
};
