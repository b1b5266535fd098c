import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { expectError, fieldPaths } from "./helpers.ts";

/** Issue 22's items on input and answers (3, 10, 11, 16, 19), each with the request that showed it. */
describe.each(testEngines())("input hardening on $engine", ({ engine }) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(async () => api?.close());

  describe("item 11: deeply nested JSON", () => {
    it("is a 422 naming the problem at any depth the body limit allows, never a 500", async () => {
      for (const depth of [6_175, 30_000]) {
        const rawBody = `{"email":${"[".repeat(depth)}${"]".repeat(depth)}}`;
        const res = await api.request("/v1/session", { rawBody });
        const error = expectError(res, 422, "validation_failed");
        expect(error.details.fields[0]).toMatchObject({ code: "too_deep" });
        expect(error.details.fields[0].message).toMatch(/deeper than 32/);
      }
    });

    it("still names a NUL at a reasonable depth", async () => {
      const res = await api.request("/v1/session", { rawBody: '{"email":[[["a\\u0000"]]],"password":"x"}' });
      expectError(res, 422, "validation_failed");
      expect(fieldPaths(res)).toEqual(["email.0.0.0"]);
    });
  });
});
