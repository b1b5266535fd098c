import { Validation } from "./errors.ts";

/** Opaque keyset cursor: the sort key and id of the last row of a page. */
export type Cursor = { k: string | number | null; id: string };

export function encodeCursor(c: Cursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify(c));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

const isCursor = (v: unknown): v is Cursor => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const { k, id } = v as Record<string, unknown>;
  return typeof id === "string" && (k === null || typeof k === "string" || (typeof k === "number" && Number.isFinite(k)));
};

export function decodeCursor(s: string): Cursor {
  try {
    const bin = atob(s.replaceAll("-", "+").replaceAll("_", "/"));
    const parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))));
    if (isCursor(parsed)) return { k: parsed.k, id: parsed.id };
  } catch {
    // fall through
  }
  throw new Validation("The cursor is not valid; use next_cursor from a previous page.", [
    { path: "cursor", message: "Malformed cursor." },
  ]);
}
