import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: "pipe" });

/** What npm users get: dist built with tsc, checked by publint and arethetypeswrong, loaded by plain Node. */
describe("the published package", () => {
  it("builds, passes publint and attw, and runs on plain Node without the workspace", () => {
    run("pnpm", ["run", "--silent", "build"]);
    expect(run("pnpm", ["run", "--silent", "lint:package"])).toMatch(/All good/);

    const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8"));
    expect(pkg.private).toBe(false);
    // Public, permissively licensed runtime dependencies only: Standard Webhooks verification (MIT) and
    // RFC 8785 canonical JSON for verifyStatement (canonicalize, Apache-2.0); never a private package.
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(["canonicalize", "standardwebhooks"]);

    // Node resolves the package by its own name through `exports`, as an installed dependency would.
    const out = run("node", [
      "--input-type=module",
      "-e",
      `import { Shopreg, ValidationError, ShopregError } from "@shopreg/sdk";
       const s = new Shopreg({ apiKey: "k", baseUrl: "http://127.0.0.1:1" });
       console.log(JSON.stringify({ resources: Object.keys(s).sort(), chain: new ValidationError("x", { code: "c" }) instanceof ShopregError }));`,
    ]);
    expect(JSON.parse(out)).toEqual({
      resources: [
        "analytics",
        "apiKeys",
        "applications",
        "baseUrl",
        "catalog",
        "incentives",
        "profile",
        "services",
        "webhookEndpoints",
      ],
      chain: true,
    });
    const dts = readFileSync(`${root}/dist/index.d.ts`, "utf8");
    expect(dts).toContain("Shopreg");
  });
});
