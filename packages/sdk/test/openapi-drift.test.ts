import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fetchOpenApiDocument, GENERATED_FILE, renderTypes } from "../scripts/openapi.ts";

describe("src/openapi.gen.ts", () => {
  it("matches the OpenAPI document the API serves (run `pnpm --filter @shopreg/sdk generate` when it does not)", async () => {
    const doc = await fetchOpenApiDocument();
    expect(Object.keys(doc.paths as object)).toContain("/v1/services/{id}/publish");
    const expected = await renderTypes(doc);
    const committed = readFileSync(GENERATED_FILE, "utf8");
    expect(committed === expected, "src/openapi.gen.ts is stale: run `pnpm --filter @shopreg/sdk generate`").toBe(true);
  });
});
