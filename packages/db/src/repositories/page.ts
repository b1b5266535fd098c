import { type Cursor, encodeCursor } from "@shopreg/domain";

export type Page<T> = { data: T[]; next_cursor: string | null };
export type PageParams = { limit: number; cursor?: Cursor | undefined };

/** Rows were fetched with limit + 1: the extra one only tells whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => Cursor): Page<T> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, next_cursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
