import { createDb } from "@shopreg/db";
import { describe, expect, it } from "vitest";
import { DEV_TWO_FACTOR_KEY } from "../src/config.ts";
import { cli, serverEnv } from "./cli-helpers.ts";

/** Issue 24, item 2: the operator's command. */
describe("shopreg (no database)", () => {
  it("--help lists every command; each command has its own help; an unknown command or option is exit 2", async () => {
    const c = cli({});
    expect(await c.run("--help")).toBe(0);
    for (const name of ["migrate", "create-admin", "check-config", "rotate-key"]) expect(c.out()).toContain(name);
    const h = cli({});
    expect(await h.run("rotate-key", "--help")).toBe(0);
    expect(h.out()).toContain("<KEY>_PREVIOUS");
    const u = cli({});
    expect(await u.run("frobnicate")).toBe(2);
    expect(u.err()).toContain('unknown command "frobnicate"');
    const o = cli({});
    expect(await o.run("migrate", "--frob")).toBe(2);
    expect(o.err()).toMatch(/--frob/);
  });

  it("check-config names every bad variable, refuses development keys, starts nothing", async () => {
    const bad = cli({
      WEBHOOK_SECRET_KEY: "d3a5f0c4b1e2a7968877665544332211ffeeddccbbaa99887766554433221100",
      PORT: "http",
      ALLOWED_ORIGINS: "https://ok.example, nope",
    });
    expect(await bad.run("check-config", "api")).toBe(1);
    for (const name of ["CONVERSIONS_SECRET", "WEBHOOK_SECRET_KEY", "TWO_FACTOR_KEY", "PORT", "ALLOWED_ORIGINS"])
      expect(bad.err()).toContain(name);
    expect(bad.err()).toMatch(/WEBHOOK_SECRET_KEY: required, and not the development key/);
    const dev = cli(serverEnv({ TWO_FACTOR_KEY: DEV_TWO_FACTOR_KEY }));
    expect(await dev.run("check-config", "api")).toBe(1);
    expect(dev.err()).toMatch(/TWO_FACTOR_KEY: required, and not the development key/);
    const same = cli(serverEnv({ WEBHOOK_SECRET_KEY: "ab".repeat(32), WEBHOOK_SECRET_KEY_PREVIOUS: "AB".repeat(32) }));
    expect(await same.run("check-config", "api")).toBe(1);
    expect(same.err()).toContain("WEBHOOK_SECRET_KEY_PREVIOUS: the same as WEBHOOK_SECRET_KEY");
    const good = cli(serverEnv({}));
    expect(await good.run("check-config", "api")).toBe(0);
    expect(good.out()).toBe("api: configuration ok");
    expect(await cli({}).run("check-config", "nonsense")).toBe(2);
  });

  it("check-config runs the gateway's own validation (its server entry, --check-config)", async () => {
    const bad = cli({ ...serverEnv({}), GATEWAY_VISITOR_HASH_SECRET: undefined, GATEWAY_PORT: "99999", PATH: process.env.PATH });
    expect(await bad.run("check-config", "gateway")).toBe(1);
    expect(bad.err()).toContain("GATEWAY_VISITOR_HASH_SECRET");
    expect(bad.err()).toContain("GATEWAY_PORT");
    const good = cli({ ...serverEnv({}), PATH: process.env.PATH });
    expect(await good.run("check-config", "gateway")).toBe(0);
    expect(good.out()).toContain("gateway: configuration ok");
  }, 60_000);

  it("migrate --check is 1 while the schema is behind and 0 once `migrate` ran", async () => {
    // A new, empty embedded database (the walk does the same on PostgreSQL from the environment).
    const handle = await createDb({ dataDir: "memory://" });
    try {
      const behind = cli({}, { db: handle });
      expect(await behind.run("migrate", "--check")).toBe(1);
      expect(behind.err()).toContain("2026_11_24_0001_initial");
      const run = cli({}, { db: handle });
      expect(await run.run("migrate")).toBe(0);
      expect(run.out()).toMatch(/ran \d+ migrations/);
      const current = cli({}, { db: handle });
      expect(await current.run("migrate", "--check")).toBe(0);
      expect(current.out()).toContain("current");
      const none = cli({});
      expect(await none.run("migrate")).toBe(1);
      expect(none.err()).toContain("Set DATABASE_URL");
      const bad = cli({ DATABASE_URL: "not a url" });
      expect(await bad.run("migrate")).toBe(1);
      expect(bad.err()).toContain("DATABASE_URL: not a URL");
    } finally {
      await handle.close();
    }
  }, 60_000);
});
