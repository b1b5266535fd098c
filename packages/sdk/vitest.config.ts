import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
export default defineConfig({
  // examples/ import the SDK by name; in this repo that is the source.
  resolve: { alias: { "@shopreg/sdk": fileURLToPath(new URL("./src/index.ts", import.meta.url)) } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Migrates one template database per engine; each suite's database is a copy of it.
    globalSetup: ["@shopreg/db/testing-setup"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
