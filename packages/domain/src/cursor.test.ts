import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cursor, decodeCursor, encodeCursor } from "./cursor.ts";
import { Validation } from "./errors.ts";

const keyArb = fc.oneof(
  fc.constant(null),
  fc.string({ unit: "grapheme" }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const cursorArb: fc.Arbitrary<Cursor> = fc.record({ k: keyArb, id: fc.oneof(fc.uuid(), fc.string({ unit: "grapheme" })) });

const b64url = (s: string) => btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

function expectMalformed(s: string) {
  try {
    decodeCursor(s);
  } catch (e) {
    expect(e).toBeInstanceOf(Validation);
    expect((e as Validation).issues).toEqual([{ path: "cursor", message: "Malformed cursor." }]);
    return;
  }
  throw new Error(`expected ${JSON.stringify(s)} to be refused`);
}

describe("cursor", () => {
  it("round-trips through encode / decode (property)", () => {
    fc.assert(
      fc.property(cursorArb, (c) => {
        expect(decodeCursor(encodeCursor(c))).toEqual(c);
      }),
      { numRuns: 500 },
    );
  });

  it("encodes to an opaque, URL-safe string", () => {
    fc.assert(
      fc.property(cursorArb, (c) => {
        const s = encodeCursor(c);
        expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(encodeURIComponent(s)).toBe(s);
      }),
    );
  });

  it("refuses malformed cursors with a Validation on the cursor field", () => {
    for (const s of [
      "",
      "!!!",
      "not a cursor",
      "a",
      b64url("null"),
      b64url("42"),
      b64url('"x"'),
      b64url("[]"),
      b64url("{}"),
      b64url('{"id":"a"}'),
      b64url('{"k":1}'),
      b64url('{"k":1,"id":2}'),
      b64url('{"k":{},"id":"a"}'),
      b64url('{"k":[1],"id":"a"}'),
      b64url('{"k":true,"id":"a"}'),
      b64url('{"k":1e999,"id":"a"}'),
      b64url('{"k":1,"id":"a"'),
    ]) {
      expectMalformed(s);
    }
  });

  it("never throws anything but Validation, whatever string it is given (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.string({ unit: "binary" })), (s) => {
        let out: Cursor;
        try {
          out = decodeCursor(s);
        } catch (e) {
          expect(e).toBeInstanceOf(Validation);
          return;
        }
        expect(typeof out.id).toBe("string");
        expect(out.k === null || typeof out.k === "string" || typeof out.k === "number").toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("returns only k and id, dropping anything else a client smuggles in", () => {
    expect(decodeCursor(b64url('{"k":"2026-01-01","id":"x","admin":true}'))).toEqual({ k: "2026-01-01", id: "x" });
  });
});
