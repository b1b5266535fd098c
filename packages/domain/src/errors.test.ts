import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  Conflict,
  DomainError,
  Forbidden,
  InvalidTransition,
  issuesFromZod,
  NotFound,
  Unauthenticated,
  Validation,
} from "./errors.ts";

describe("domain errors", () => {
  it("carry a stable code and their class name", () => {
    const cases: [DomainError, string, string][] = [
      [new NotFound("x"), "not_found", "NotFound"],
      [new Conflict("x"), "conflict", "Conflict"],
      [new Forbidden("x"), "forbidden", "Forbidden"],
      [new Unauthenticated("x"), "unauthenticated", "Unauthenticated"],
      [new InvalidTransition("service", "ON", "publish"), "invalid_transition", "InvalidTransition"],
      [new Validation("x", []), "validation_failed", "Validation"],
    ];
    for (const [e, code, name] of cases) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toBeInstanceOf(Error);
      expect(e.code).toBe(code);
      expect(e.name).toBe(name);
    }
    expect(new InvalidTransition("service", null, "deactivate").message).toBe("Cannot deactivate a service that is new.");
    expect(new Conflict("dup", { id: 1 }).details).toEqual({ id: 1 });
  });
});

describe("issuesFromZod", () => {
  const schema = z.strictObject({ a: z.string(), nested: z.strictObject({ b: z.number() }), list: z.array(z.number()) });
  const issues = (v: unknown) => issuesFromZod(schema.safeParse(v).error?.issues ?? []);

  it("joins paths with dots, and names the body for root issues", () => {
    expect(issues({ a: 1, nested: { b: "x" }, list: [1, "2"] }).map((i) => i.path)).toEqual(["a", "nested.b", "list.1"]);
    expect(issues("nope")).toEqual([
      { path: "(body)", message: expect.any(String), code: "field_invalid_type", params: { expected: "object" } },
    ]);
  });

  it("reports each unknown key at its own path", () => {
    expect(issues({ a: "x", nested: { b: 1, c: 2 }, list: [], d: 1, e: 2 })).toEqual([
      { path: "nested.c", message: 'Unknown field "c".', code: "field_unknown", params: { key: "c" } },
      { path: "d", message: 'Unknown field "d".', code: "field_unknown", params: { key: "d" } },
      { path: "e", message: 'Unknown field "e".', code: "field_unknown", params: { key: "e" } },
    ]);
  });

  it("names each rule with a catalogue code, never zod's English", () => {
    const form = z.strictObject({
      name: z.string().min(1),
      age: z.number().max(120),
      email: z.email(),
      kind: z.enum(["a", "b"]),
    });
    const got = issuesFromZod(form.safeParse({ name: "", age: 200, email: "x", kind: "c" }).error?.issues ?? []);
    expect(got.map((i) => [i.path, i.code, i.params])).toEqual([
      ["name", "field_required", undefined],
      ["age", "field_too_big", { maximum: 120 }],
      ["email", "field_invalid_format", { format: "email" }],
      ["kind", "field_invalid_value", { options: ["a", "b"] }],
    ]);
    const missing = issuesFromZod(form.safeParse({ age: 1, email: "a@b.co", kind: "a" }).error?.issues ?? []);
    expect(missing).toEqual([{ path: "name", message: expect.stringMatching(/received undefined/), code: "field_required" }]);
  });
});
