import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Migrates one template database per engine; each suite's database is a copy of it.
    globalSetup: ["@shopreg/db/testing-setup"],
    // One process runs the files one after another: each still starts its own API on its own
    // database, but the API's modules and PGlite's WASM load once, not once per file (docs/testing.md).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
