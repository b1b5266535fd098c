/**
 * The production walk's driver (scripts/production-walk.sh builds and deploys first): everything
 * a self-hoster does, from the deployed folder alone, on the PostgreSQL server in TEST_DATABASE_URL
 * (scripts/with-postgres.sh), with mail going to a real SMTP server started here. Plays the
 * operator, the admin's browser, a partner's browser, a seller clicking a link and Seller Center.
 * Usage: tsx scripts/production-walk.ts <deployed folder> <log folder>
 * Writes the one line to <log folder>/result when every step passed; any failure throws (the .sh prints the logs).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { join } from "node:path";
import { COMPLETE_DETAILS } from "@shopreg/api/testing";
import { type ParsedMail, simpleParser } from "mailparser";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";

const [deployed, logs] = process.argv.slice(2);
if (!deployed || !logs || !process.env.TEST_DATABASE_URL)
  throw new Error("usage: production-walk.ts <deployed> <logs> (in with-postgres.sh)");
const started = Number(process.env.WALK_STARTED_AT ?? Date.now() / 1000);
let steps = 0;
const step = (what: string) => {
  steps++;
  process.stdout.write(`step ${steps}: ${what}\n`);
};
const check = (ok: unknown, message: string): void => {
  if (!ok) throw new Error(`production-walk: ${message}`);
};

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });
const hex = () => randomBytes(32).toString("hex");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A database of its own on the throwaway server.
const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
await admin.unsafe("CREATE DATABASE shopreg_walk");
await admin.end();
const databaseUrl = new URL(process.env.TEST_DATABASE_URL);
databaseUrl.pathname = "/shopreg_walk";

// A real SMTP server: the API's mail arrives here.
const mails: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, done) {
    simpleParser(stream)
      .then((m) => {
        mails.push(m);
        done();
      })
      .catch(done);
  },
});
await new Promise<void>((ok) => smtp.listen(0, "127.0.0.1", () => ok()));
const smtpPort = (smtp.server.address() as AddressInfo).port;

const [apiPort, gatewayPort, partnerPort, adminPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
const api = `http://127.0.0.1:${apiPort}`;
const gateway = `http://127.0.0.1:${gatewayPort}`;
const partnerWeb = `http://127.0.0.1:${partnerPort}`;
const adminWeb = `http://127.0.0.1:${adminPort}`;
const conversionsSecret = hex();
// Generated as the README says (`openssl rand -hex 32`); nothing from the environment leaks in.
const env: Record<string, string> = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl.toString(),
  HOST: "127.0.0.1",
  PORT: String(apiPort),
  API_PUBLIC_URL: api,
  PARTNER_PUBLIC_URL: partnerWeb,
  ADMIN_PUBLIC_URL: adminWeb,
  GATEWAY_PUBLIC_URL: gateway,
  CONVERSIONS_SECRET: conversionsSecret,
  WEBHOOK_SECRET_KEY: hex(),
  TWO_FACTOR_KEY: hex(),
  INCENTIVE_SIGNING_KEY: hex(),
  GATEWAY_VISITOR_HASH_SECRET: hex(),
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  MAIL_FROM: "shopreg <no-reply@walk.test>",
  // The web server forwards /v1 and appends the browser's address; the API reads the last entry.
  CLIENT_IP_HEADER: "X-Forwarded-For",
  LOG_LEVEL: "warn",
  GATEWAY_PORT: String(gatewayPort),
  GATEWAY_SPILL_FILE: join(logs, "gateway-clicks.spill.jsonl"),
  PARTNER_PORT: String(partnerPort),
  ADMIN_PORT: String(adminPort),
  API_URL: api,
};

/** `shopreg` from the deployed folder, as an operator runs it. */
const shopreg = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) => {
  const r = spawnSync(join(deployed, "shopreg"), args, {
    cwd: deployed,
    env: opts.env ?? env,
    input: opts.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
};

step("the deployed folder holds no development tool (tsx, typescript, vitest, esbuild, vite)");
const found: string[] = [];
const walk = (dir: string, depth: number) => {
  if (depth > 6) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (["tsx", "typescript", "vitest", "esbuild", "vite", "@biomejs"].includes(name) && dir.includes("node_modules"))
      found.push(path);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() && !path.endsWith(".bin")) walk(path, depth + 1);
  }
};
walk(deployed, 0);
check(found.length === 0, `development packages in the deployed folder: ${found.join(", ")}`);

step("check-config refuses a development key, naming it");
const devKey = shopreg(["check-config", "api"], {
  env: { ...env, WEBHOOK_SECRET_KEY: "d3a5f0c4b1e2a7968877665544332211ffeeddccbbaa99887766554433221100" },
});
check(devKey.code === 1 && devKey.output.includes("WEBHOOK_SECRET_KEY: required, and not the development key"), devKey.output);

step("check-config accepts the generated configuration of all three processes");
const good = shopreg(["check-config"]);
check(good.code === 0, good.output);
for (const surface of ["api", "gateway", "web"]) check(good.output.includes(`${surface}: configuration ok`), good.output);

step("migrate --check says the new database is behind; migrate; then it is current");
check(shopreg(["migrate", "--check"]).code === 1, "migrate --check should fail on an empty database");
const migrated = shopreg(["migrate"]);
check(migrated.code === 0, migrated.output);
check(shopreg(["migrate", "--check"]).code === 0, "migrate --check should pass after migrate");

step("create-admin makes the first admin (password on stdin); a second is refused without --another");
const adminEmail = "ops@walk.test";
const adminPassword = randomBytes(12).toString("base64url");
const created = shopreg(["create-admin", "--email", adminEmail, "--name", "Ops"], { input: `${adminPassword}\n` });
check(created.code === 0, created.output);
check(
  shopreg(["create-admin", "--email", "other@walk.test"], { input: adminPassword }).code === 1,
  "a second admin without --another",
);

step("the API, the gateway and the web server start from the deployed folder");
const children: { name: string; child: ChildProcess }[] = [];
const start = (name: string, entry: string) => {
  const out = createWriteStream(join(logs, `${name}.log`));
  const child = spawn(process.execPath, [entry], { cwd: deployed, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  children.push({ name, child });
};
start("api", "apps/api/dist/server.js");
start("gateway", "apps/gateway/dist/server.js");
start("web", "apps/web/dist/server.js");
const up = async (url: string) => {
  for (let i = 0; i < 300; i++) {
    for (const { name, child } of children) check(child.exitCode === null, `${name} exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`production-walk: ${url} did not come up`);
};
for (const url of [`${api}/health/ready`, `${gateway}/_/health`, `${partnerWeb}/_/health`, `${adminWeb}/_/health`]) await up(url);
for (const web of [partnerWeb, adminWeb]) {
  const page = await fetch(`${web}/`, { headers: { "accept-encoding": "br" } });
  check(page.status === 200 && (await page.text()).includes("<html"), `${web} serves no page`);
  check(page.headers.get("content-security-policy")?.includes("frame-ancestors 'none'"), `${web}: no CSP`);
}

/** A browser on one of the web apps: same-origin /v1 through the web server, its cookie jar. */
const browser = (origin: string) => {
  let cookie = "";
  return async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const method = init.method ?? (init.body === undefined ? "GET" : "POST");
    const res = await fetch(origin + path, {
      method,
      headers: {
        origin,
        ...(cookie ? { cookie } : {}),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0] as string;
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: res.status, body };
  };
};
const expectStatus = (res: { status: number; body: unknown }, status: number, what: string) =>
  check(res.status === status, `${what}: ${res.status} ${JSON.stringify(res.body)}`);

/** RFC 6238 as an authenticator app computes it (SHA-1, 6 digits, 30 s), `ahead` steps from now. */
function totp(base32: string, ahead = 0): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of base32.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + ahead));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = (mac[mac.length - 1] as number) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

step("the admin signs in on the dashboard and must turn on two-factor before acting");
const adminBrowser = browser(adminWeb);
expectStatus(
  await adminBrowser("/v1/staff/session", { body: { email: adminEmail, password: adminPassword } }),
  200,
  "admin sign-in",
);
const gated = await adminBrowser("/v1/staff/applications");
check(
  gated.status === 403 && gated.body?.error?.code === "two_factor_enrolment_required",
  `not gated: ${JSON.stringify(gated.body)}`,
);

step("the admin enrols in two-factor with an authenticator code");
const enrol = await adminBrowser("/v1/staff/me/two-factor", { method: "POST" });
expectStatus(enrol, 201, "two-factor enrolment");
const totpSecret = enrol.body.secret as string;
const confirmed = await adminBrowser("/v1/staff/me/two-factor/confirm", {
  body: { code: totp(totpSecret), password: adminPassword },
});
expectStatus(confirmed, 200, "two-factor confirmation");
check(confirmed.body.recovery_codes?.length === 10, "no recovery codes");

step("the admin signs in again: the password alone is not enough, the code is");
const adminAgain = browser(adminWeb);
const noCode = await adminAgain("/v1/staff/session", { body: { email: adminEmail, password: adminPassword } });
check(noCode.status === 401 && noCode.body?.error?.code === "two_factor_required", `no code: ${JSON.stringify(noCode.body)}`);
expectStatus(
  await adminAgain("/v1/staff/session", { body: { email: adminEmail, password: adminPassword, code: totp(totpSecret, 1) } }),
  200,
  "admin sign-in with a code",
);
expectStatus(await adminAgain("/v1/staff/applications"), 200, "the admin acts");

step("a partner signs up on the portal; the confirmation mail arrives over SMTP");
const partner = browser(partnerWeb);
const partnerEmail = "ada@acme.walk.test";
const partnerPassword = randomBytes(12).toString("base64url");
expectStatus(
  await partner("/v1/partners", {
    body: {
      company_name: "Acme Growth",
      registration_region: "US",
      company_registration_region: "US",
      contact_name: "Ada",
      contact_email: partnerEmail,
      password: partnerPassword,
    },
  }),
  202,
  "sign-up",
);
let token: string | undefined;
for (let i = 0; i < 200 && !token; i++) {
  const mail = mails.find(
    (m) => m.to && JSON.stringify(m.to).includes(partnerEmail) && /verify-email\?token=/.test(m.text ?? ""),
  );
  const match = mail?.text?.match(/verify-email\?token=([^\s"<>]+)/);
  if (match) token = decodeURIComponent(match[1] as string);
  else await sleep(100);
}
check(token, `no confirmation mail arrived (${mails.length} mails)`);
check(
  mails.some((m) => m.text?.includes(`${partnerWeb}/verify-email?token=`)),
  "the link does not point at the portal",
);

step("the partner signs in, confirms the address from the mail and applies");
expectStatus(await partner("/v1/session", { body: { email: partnerEmail, password: partnerPassword } }), 200, "partner sign-in");
expectStatus(await partner("/v1/email-verifications/confirm", { body: { token } }), 200, "address confirmation");
const draft = await partner("/v1/applications", {
  body: { category_id: "shop_registration", target_market: "US", details: COMPLETE_DETAILS.US },
});
expectStatus(draft, 201, "application draft");
expectStatus(await partner(`/v1/applications/${draft.body.id}/submit`, { method: "POST" }), 200, "application submission");

step("the admin approves the application");
expectStatus(await adminAgain(`/v1/staff/applications/${draft.body.id}/approve`, { method: "POST" }), 200, "approval");

step("the partner publishes a service and gets its referral links");
const service = await partner("/v1/services", {
  body: {
    type: "CUSTOM",
    category_id: "shop_registration",
    target_market: "US",
    name: "Launch",
    description: "We register shops.",
    contact_email: "ops@acme.walk.test",
  },
});
expectStatus(service, 201, "service");
expectStatus(await partner(`/v1/services/${service.body.id}/publish`, { body: { confirm_target_market: "US" } }), 200, "publish");
const links = await partner(`/v1/services/${service.body.id}/referral-links`);
const link = links.body.data?.[0]?.url as string | undefined;
check(link?.startsWith(`${gateway}/`), `referral link ${link} is not on the gateway`);

step("a seller opens the link: the gateway redirects to Seller Center with a click id");
const click = await fetch(link as string, {
  redirect: "manual",
  headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1" },
});
const location = click.headers.get("location") ?? "";
check(
  click.status === 302 && location.startsWith("https://seller-us.tiktok.com/"),
  `the link answered ${click.status} ${location}`,
);
const clickId = new URL(location).searchParams.get("click_id");
check(clickId, `no click_id in ${location}`);

/** The partner's analytics totals once `done` holds (clicks are written by the gateway's writer thread). */
const totals = async (done: (t: any) => boolean) => {
  let t: any;
  for (let i = 0; i < 100; i++) {
    t = (await partner("/v1/analytics/summary")).body;
    if (done(t)) break;
    await sleep(100);
  }
  return t;
};

step("the click is recorded: the partner's analytics count it");
const afterClick = await totals((t) => t?.clicks >= 1);
check(afterClick?.clicks === 1 && afterClick?.unique_clicks === 1, `analytics after the click: ${JSON.stringify(afterClick)}`);

step("Seller Center reports the registration, signed; the API credits it to the click");
const raw = JSON.stringify({
  event_id: `evt_walk_${randomBytes(6).toString("hex")}`,
  event_type: "seller.registered",
  occurred_at: new Date().toISOString(),
  seller_id: `seller_${randomBytes(6).toString("hex")}`,
  seller_type: "LOCAL_SELLER",
  click_id: clickId,
});
const ts = Math.floor(Date.now() / 1000);
const conversion = await fetch(`${api}/v1/conversions`, {
  method: "POST",
  body: raw,
  headers: {
    "content-type": "application/json",
    "x-shopreg-timestamp": String(ts),
    "x-shopreg-signature": `sha256=${createHmac("sha256", conversionsSecret).update(`${ts}.${raw}`).digest("hex")}`,
  },
});
const credited = await conversion.text();
check(conversion.status < 300, `conversion: ${conversion.status} ${credited}`);
const forged = await fetch(`${api}/v1/conversions`, {
  method: "POST",
  body: raw,
  headers: { "content-type": "application/json", "x-shopreg-timestamp": String(ts), "x-shopreg-signature": "sha256=00" },
});
check(forged.status === 401, `an unsigned conversion answered ${forged.status}`);

step("the partner's analytics show the click and the registration");
const summary = await totals((t) => t?.registrations >= 1);
check(summary?.clicks === 1 && summary?.registrations === 1, `analytics: ${JSON.stringify(summary)} (conversion: ${credited})`);

step("everything stops cleanly on SIGTERM");
for (const { child } of children) child.kill("SIGTERM");
for (const { name, child } of children) {
  const code = await new Promise<number | null>((ok) => {
    if (child.exitCode !== null) return ok(child.exitCode);
    const timer = setTimeout(() => ok(-1), 15_000);
    child.once("exit", (c) => {
      clearTimeout(timer);
      ok(c);
    });
  });
  check(code === 0, `${name} exited with ${code} on SIGTERM`);
}
check(
  !existsSync(env.GATEWAY_SPILL_FILE as string) || statSync(env.GATEWAY_SPILL_FILE as string).size === 0,
  "clicks were spilled",
);
await new Promise<void>((ok) => smtp.close(() => ok()));

writeFileSync(join(logs, "result"), `production-walk: ok steps=${steps} seconds=${Math.round(Date.now() / 1000 - started)}\n`);
