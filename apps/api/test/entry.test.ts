import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS } from "../src/seed.ts";

const entry = resolve(import.meta.dirname, "../src/server.ts");
const tsx = resolve(import.meta.dirname, "../../../node_modules/.bin/tsx");

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const c of children) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Runs `apps/api/src/server.ts` (the production entry) as a process of its own. */
async function run(env: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), "shopreg-entry-"));
  dirs.push(dir);
  const child = spawn(tsx, [entry], {
    env: { PATH: process.env.PATH, SHOPREG_DATA_DIR: join(dir, "pglite"), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  return { child, exited, output: () => output };
}

/** Issue 11, defects 1 and 2: the API started any way but the demo has no demo account and refuses default secrets. */
describe("the API's own entry (apps/api/src/server.ts)", () => {
  it("refuses to start without CONVERSIONS_SECRET, naming the variable, even without NODE_ENV", async () => {
    const { exited, output } = await run({ PORT: String(await freePort()) });
    expect(await exited).not.toBe(0);
    expect(output()).toMatch(/CONVERSIONS_SECRET/);
  });

  it("starts with real secrets and never seeds the demo accounts", async () => {
    const port = await freePort();
    const { exited, output } = await run({
      PORT: String(port),
      CONVERSIONS_SECRET: "a-real-conversions-secret-0123456789abcdef",
      WEBHOOK_SECRET_KEY: "ab".repeat(32),
      TWO_FACTOR_KEY: "cd".repeat(32),
      INCENTIVE_SIGNING_KEY: "ef".repeat(32),
    });
    const url = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 360 && !up; i++) {
      up = await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 250));
    }
    expect(up, output()).toBe(true);
    for (const who of [DEMO_LOGINS.admin, DEMO_LOGINS.usPartner]) {
      const path = who === DEMO_LOGINS.admin ? "/v1/staff/session" : "/v1/session";
      const res = await fetch(url + path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: who.email, password: who.password }),
      });
      expect(res.status).toBe(401);
    }
    void exited;
  }, 120_000);
});
