import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "../config.ts";
import { type Command, UsageError } from "./io.ts";

const SURFACES = ["api", "gateway", "web"] as const;
type Surface = (typeof SURFACES)[number];

/**
 * The gateway and the web server validate their own variables (`server.js --check-config`): the
 * same code that runs when they start, run beside this file as built (apps/<surface>/dist) or as
 * source (apps/<surface>/src, through tsx) in the repository.
 */
function entryOf(surface: Exclude<Surface, "api">): { command: string; args: string[] } | undefined {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    const file = fileURLToPath(new URL(`../../../${surface}/src/server.ts`, here));
    const tsx = fileURLToPath(new URL("../../../../node_modules/.bin/tsx", here));
    return existsSync(file) && existsSync(tsx) ? { command: tsx, args: [file] } : undefined;
  }
  const file = fileURLToPath(new URL(`../../${surface}/dist/server.js`, here));
  return existsSync(file) ? { command: process.execPath, args: [file] } : undefined;
}

export const checkConfig: Command = {
  name: "check-config",
  summary: "validate the environment as the servers do, naming each bad variable, without starting anything",
  help: `Usage: shopreg check-config [api] [gateway] [web]

Reads the environment exactly as the servers do when they start and reports every bad or missing
variable by name; starts nothing and connects to nothing. Without arguments, checks the API, the
gateway and the web server (those present beside this command). Exits 0 when every checked
configuration is valid, 1 otherwise.`,
  positionals: true,
  async run({ positionals }, io) {
    const unknown = positionals.filter((p) => !(SURFACES as readonly string[]).includes(p));
    if (unknown.length > 0) throw new UsageError(`unknown surface ${unknown.join(", ")} (choose from ${SURFACES.join(", ")}).`);
    const chosen = (positionals.length > 0 ? positionals : SURFACES) as readonly Surface[];
    let bad = 0;
    for (const surface of chosen) {
      if (surface === "api") {
        try {
          loadConfig(io.env);
          io.out("api: configuration ok");
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          io.err(`api: ${error.message}`);
          bad++;
        }
        continue;
      }
      const entry = entryOf(surface);
      if (!entry) {
        if (positionals.length > 0) {
          io.err(`${surface}: not installed beside this command`);
          bad++;
        } else io.out(`${surface}: not installed here, skipped`);
        continue;
      }
      const env = Object.fromEntries(Object.entries(io.env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
      const r = spawnSync(entry.command, [...entry.args, "--check-config"], { env, encoding: "utf8", timeout: 60_000 });
      const text = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim();
      if (r.status === 0) io.out(text || `${surface}: configuration ok`);
      else {
        io.err(text || `${surface}: the configuration check failed (${r.error?.message ?? `exit ${r.status}`})`);
        bad++;
      }
    }
    return bad > 0 ? 1 : 0;
  },
};
