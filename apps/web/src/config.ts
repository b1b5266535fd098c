import { existsSync } from "node:fs";
import { join } from "node:path";

export type WebConfig = {
  host: string;
  /** One listener per app: each has its own origin (PARTNER_PUBLIC_URL, ADMIN_PUBLIC_URL at the API). */
  apps: { name: "partner" | "admin"; port: number; dist: string }[];
  /** Where /v1 is forwarded; null: the proxy in front routes /v1 to the API itself. */
  apiUrl: string | null;
  clientIpHeader: string | null;
};

export class WebConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid web server configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const port = (name: string, value: string | undefined, fallback: number, problems: string[]) => {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) problems.push(`${name}: must be a port number (got "${value}")`);
  return n;
};

/** The web server's variables (WEB_HOST, PARTNER_PORT, ADMIN_PORT, API_URL, CLIENT_IP_HEADER, WEB_ROOT); every problem at once. */
export function loadWebConfig(env: Record<string, string | undefined>, defaultRoot: string): WebConfig {
  const problems: string[] = [];
  const root = env.WEB_ROOT ?? defaultRoot;
  const apps = (
    [
      ["partner", "PARTNER_PORT", 4200],
      ["admin", "ADMIN_PORT", 4300],
    ] as const
  ).map(([name, variable, fallback]) => {
    const dist = join(root, name);
    if (!existsSync(join(dist, "index.html")))
      problems.push(`WEB_ROOT: ${dist}/index.html is missing (the built ${name} app; \`pnpm build\` puts it in apps/web/dist)`);
    return { name, port: port(variable, env[variable], fallback, problems), dist };
  });
  if (apps[0]?.port === apps[1]?.port && apps[0]?.port !== 0) problems.push("ADMIN_PORT: must differ from PARTNER_PORT");
  let apiUrl: string | null = null;
  if (env.API_URL) {
    if (!URL.canParse(env.API_URL) || !/^https?:$/.test(new URL(env.API_URL).protocol))
      problems.push(`API_URL: an http(s) URL of the API, e.g. http://127.0.0.1:4000 (got "${env.API_URL}")`);
    else apiUrl = env.API_URL;
  }
  const clientIpHeader = env.CLIENT_IP_HEADER ?? null;
  if (clientIpHeader !== null && !/^[A-Za-z0-9-]+$/.test(clientIpHeader))
    problems.push("CLIENT_IP_HEADER: must be an HTTP header name");
  if (problems.length > 0) throw new WebConfigError(problems);
  return { host: env.WEB_HOST ?? "127.0.0.1", apps, apiUrl, clientIpHeader: clientIpHeader?.toLowerCase() ?? null };
}
