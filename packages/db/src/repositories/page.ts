import { type Cursor, encodeCursor } from "@shopreg/domain";
import { type SelectQueryBuilder, sql } from "kysely";

export type Page<T> = { data: T[]; next_cursor: string | null };
export type PageParams = { limit: number; cursor?: Cursor | undefined };

/** Rows were fetched with limit + 1: the extra one only tells whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => Cursor): Page<T> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, next_cursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/**
 * The one keyset page, newest first: ids are time-ordered (uuid v7), so `id < cursor.id` ordered by
 * id descending pages through everything without offsets, stable under inserts.
 */
export async function pageNewestFirst<DB, TB extends keyof DB, O extends { id: string }>(
  query: SelectQueryBuilder<DB, TB, O>,
  params: PageParams,
): Promise<Page<O>> {
  const id = sql.ref<string>("id");
  const rows = await (params.cursor ? query.where(id, "<", params.cursor.id) : query)
    .orderBy(id, "desc")
    .limit(params.limit + 1)
    .execute();
  return toPage(rows as O[], params.limit, (r) => ({ k: null, id: r.id }));
}
