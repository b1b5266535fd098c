import { defineConfig } from "vitest/config";
// Property tests run hundreds of cases: give them room on a busy 2-core machine.
export default defineConfig({ test: { include: ["src/**/*.test.ts"], testTimeout: 30_000 } });
