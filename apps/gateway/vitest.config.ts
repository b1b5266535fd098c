import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Migrates one template database per engine; each suite's database is a copy of it.
    globalSetup: ["@shopreg/db/testing-setup"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
