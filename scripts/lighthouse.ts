/**
 * `pnpm lighthouse`: Lighthouse (mobile preset, simulated throttling) over the pages of issue 28, on
 * the production build served by the production web server's code (apps/web/dist: precompressed,
 * with its headers), over the demo's seeded data in a throwaway PGlite (scripts/start.ts on free
 * ports). Each page runs LIGHTHOUSE_RUNS times (3) in Debian's Chromium (CHROME_PATH, default
 * /usr/bin/chromium); the median of each category is asserted: performance >= 90, accessibility
 * 100, best practices 100, SEO >= 90 (the gateway's 404 and 410 pages: best practices 100, and
 * accessibility 100 too). One line per page; exits 1 if any page falls short. Signed-in pages get the
 * session cookie of a sign-in through the API (Lighthouse's documented way: an extra Cookie header).
 *
 *   pnpm lighthouse [page-name-filter]     LIGHTHOUSE_RUNS=1 for a quick look; reports in LIGHTHOUSE_OUT
 *
 * Performance depends on the machine: Lighthouse times the page's real CPU work (times 4 for the
 * phone), so a busy machine scores lower; each line prints Lighthouse's CPU benchmark beside it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import lighthouse from "lighthouse";

const root = resolve(import.meta.dirname, "..");
const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const OUT = process.env.LIGHTHOUSE_OUT;
const filter = process.argv[2];

type Scores = { performance: number; accessibility: number; "best-practices": number; seo: number };
type Budget = Partial<Scores>;
// LIGHTHOUSE_MIN_PERFORMANCE lowers (or raises) the one machine-dependent floor without editing this file.
const APP_BUDGET: Budget = {
  performance: Number(process.env.LIGHTHOUSE_MIN_PERFORMANCE ?? 90),
  accessibility: 100,
  "best-practices": 100,
  seo: 90,
};
const GATEWAY_BUDGET: Budget = { accessibility: 100, "best-practices": 100 };

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

/** Starts a child process and resolves with the first match of `ready` in its output. */
function startProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, what: string) {
  const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const match = new Promise<RegExpMatchArray>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${what} did not start in 120 s:\n${output.slice(-3000)}`)), 120_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = output.match(ready);
      if (m) {
        clearTimeout(timer);
        ok(m);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`${what} exited (${code}):\n${output.slice(-3000)}`));
    });
  });
  return { child, match, output: () => output };
}

const stop = async (child: ChildProcess) => {
  const pid = child.pid;
  if (child.exitCode !== null || pid === undefined) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {}
  const timeout = setTimeout(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }, 10_000);
  await exited;
  clearTimeout(timeout);
};

/** Signs in through the API at `origin` and returns the Cookie header a browser would then send. */
async function signIn(origin: string, path: string, email: string) {
  const res = await fetch(`${origin}/v1/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password: "shopreg-demo-2026" }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} at ${origin}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function api<T>(origin: string, cookie: string, path: string, method = "GET"): Promise<T> {
  const res = await fetch(`${origin}/v1/${path}`, { method, headers: { cookie, origin } });
  if (!res.ok) throw new Error(`${method} /v1/${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The gateway's 404 and 410 pages answer with that status on purpose; Chromium logs the document's
 * own status as a console error, which is the page doing its job, not a fault in it.
 */
const OWN_STATUS_CONFIG = {
  extends: "lighthouse:default",
  audits: [{ path: "errors-in-console", options: { ignoredPatterns: [/the server responded with a status of (404|410)\b/] } }],
};

type Page = { name: string; url: string; cookie?: string; budget: Budget; notFoundOk?: boolean };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function main() {
  const tmp = await mkdtemp(join(tmpdir(), "shopreg-lighthouse-"));
  const [apiPort, gatewayPort, partnerPort, adminPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const partner = `http://127.0.0.1:${partnerPort}`;
  const admin = `http://127.0.0.1:${adminPort}`;
  const gateway = `http://127.0.0.1:${gatewayPort}`;
  const server = startProcess(
    join(root, "node_modules/.bin/tsx"),
    ["scripts/start.ts"],
    {
      ...process.env,
      PORT: String(apiPort),
      GATEWAY_PORT: String(gatewayPort),
      PARTNER_PORT: String(partnerPort),
      ADMIN_PORT: String(adminPort),
      GATEWAY_PUBLIC_URL: gateway,
      PARTNER_PUBLIC_URL: partner,
      ADMIN_PUBLIC_URL: admin,
      HOST: "127.0.0.1",
      SHOPREG_DATA_DIR: join(tmp, "pglite"),
      MAIL_DIR: join(tmp, "mail"),
      GATEWAY_SPILL_FILE: join(tmp, "clicks.spill.jsonl"),
      // The production web server's build folder: the apps precompressed, as deployed.
      WEB_ROOT: join(root, "apps/web/dist"),
    },
    /Ctrl\+C stops everything/,
    "scripts/start.ts",
  );
  const chrome = startProcess(
    CHROME,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      `--user-data-dir=${join(tmp, "chrome")}`,
      "--remote-debugging-port=0",
      "about:blank",
    ],
    process.env,
    /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//,
    "Chromium",
  );
  let failed = false;
  try {
    const [, chromePort] = await chrome.match;
    await server.match;
    if (!server.output().includes(`:${partnerPort}`) || !server.output().includes(`:${adminPort}`))
      throw new Error(`scripts/start.ts serves no built app (run \`pnpm build\`):\n${server.output()}`);

    const partnerCookie = await signIn(partner, "session", "us-partner@shopreg.test");
    const staffCookie = await signIn(admin, "staff/session", "reviewer@shopreg.test");
    const services = await api<{ data: { id: string; status: string }[] }>(partner, partnerCookie, "services");
    const service = services.data.find((s) => s.status === "ON");
    if (!service) throw new Error("the demo partner has no published service");
    const links = await api<{ data: { url: string }[] }>(partner, partnerCookie, `services/${service.id}/referral-links`);
    const queue = await api<{ data: { id: string }[] }>(admin, staffCookie, "staff/applications?status=REVIEWING");
    const application = queue.data[0];
    if (!application) throw new Error("the demo has no application in review");

    const pages: Page[] = [
      { name: "portal /login", url: `${partner}/login`, budget: APP_BUDGET },
      { name: "portal /profile", url: `${partner}/profile`, cookie: partnerCookie, budget: APP_BUDGET },
      { name: "portal /services/:id", url: `${partner}/services/${service.id}`, cookie: partnerCookie, budget: APP_BUDGET },
      { name: "portal /analytics", url: `${partner}/analytics`, cookie: partnerCookie, budget: APP_BUDGET },
      { name: "dashboard login", url: `${admin}/#/login`, budget: APP_BUDGET },
      { name: "dashboard queue", url: `${admin}/#/applications`, cookie: staffCookie, budget: APP_BUDGET },
      {
        name: "dashboard application",
        url: `${admin}/#/applications/${application.id}/show`,
        cookie: staffCookie,
        budget: APP_BUDGET,
      },
      { name: "gateway 404", url: `${gateway}/lhNotALink1`, budget: GATEWAY_BUDGET, notFoundOk: true },
      // The 410 link is deactivated just before its run (below), after the portal showed it live.
      { name: "gateway 410", url: links.data[0]?.url ?? "", budget: GATEWAY_BUDGET, notFoundOk: true },
    ].filter((p) => !filter || p.name.includes(filter));

    if (OUT) await mkdir(OUT, { recursive: true });
    console.log(`lighthouse ${RUNS} run(s) per page, mobile preset, ${CHROME}`);
    // A page Lighthouse cannot load fails on its own line; the others still run.
    measure: for (const page of pages) {
      if (page.name === "gateway 410") await api(partner, partnerCookie, `services/${service.id}/deactivate`, "POST");
      const runs: { scores: Scores; lcp: number; tbt: number; cls: number; cpu: number; failing: string[] }[] = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(
          page.url,
          {
            port: Number(chromePort),
            logLevel: "error",
            onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
            ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
            ...(page.notFoundOk ? { ignoreStatusCode: true } : {}),
          },
          page.notFoundOk ? OWN_STATUS_CONFIG : undefined,
        );
        const error = !result
          ? "Lighthouse returned nothing"
          : result.lhr.runtimeError && `${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`;
        if (!result || error) {
          failed = true;
          console.log(`FAIL ${page.name.padEnd(22)} ${page.url}: ${error}`);
          continue measure;
        }
        const { lhr } = result;
        const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
        const failing = Object.values(lhr.categories)
          .filter((c) => c.id !== "performance")
          .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => lhr.audits[r.id]))
          .filter((a) => a && a.score !== null && a.score < 1)
          .map((a) => a?.id as string);
        runs.push({
          scores: {
            performance: score("performance"),
            accessibility: score("accessibility"),
            "best-practices": score("best-practices"),
            seo: score("seo"),
          },
          lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? 0,
          tbt: lhr.audits["total-blocking-time"]?.numericValue ?? 0,
          cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0,
          cpu: lhr.environment.benchmarkIndex,
          failing,
        });
        if (OUT) await writeFile(join(OUT, `${page.name.replace(/[^a-z0-9]+/gi, "-")}-${i + 1}.json`), JSON.stringify(lhr));
      }
      const m = (k: keyof Scores) => median(runs.map((r) => r.scores[k]));
      const scores: Scores = {
        performance: m("performance"),
        accessibility: m("accessibility"),
        "best-practices": m("best-practices"),
        seo: m("seo"),
      };
      const short = Object.entries(page.budget)
        .filter(([k, min]) => scores[k as keyof Scores] < (min as number))
        .map(([k, min]) => `${k} ${scores[k as keyof Scores]} < ${min}`);
      const failingAudits = [...new Set(runs.flatMap((r) => r.failing))];
      failed ||= short.length > 0;
      console.log(
        `${short.length ? "FAIL" : "ok  "} ${page.name.padEnd(22)} perf ${scores.performance} (${runs.map((r) => r.scores.performance).join("/")})` +
          ` a11y ${scores.accessibility} bp ${scores["best-practices"]} seo ${scores.seo}` +
          ` | LCP ${(median(runs.map((r) => r.lcp)) / 1000).toFixed(1)} s TBT ${Math.round(median(runs.map((r) => r.tbt)))} ms` +
          ` CLS ${median(runs.map((r) => r.cls)).toFixed(3)} | CPU benchmark ${Math.round(median(runs.map((r) => r.cpu)))}` +
          (short.length ? ` | ${short.join(", ")}` : "") +
          (failingAudits.length ? ` | audits below 1: ${failingAudits.join(", ")}` : ""),
      );
    }
  } finally {
    await stop(chrome.child);
    await stop(server.child);
    await rm(tmp, { recursive: true, force: true });
  }
  console.log(`lighthouse: ${failed ? "FAILED" : "ok"}`);
  process.exit(failed ? 1 : 0);
}

await main();
