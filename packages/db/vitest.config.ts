import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Migrates one template database per engine; each test database is a copy of it.
    globalSetup: ["./src/testing-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
