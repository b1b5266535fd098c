/**
 * For trying the examples against `pnpm start`: signs in as the seeded demo U.S. partner (which has
 * an approved application) and creates an API key. API keys are made over a signed-in session,
 * as in the partner portal; tools then use only the key.
 *
 *   eval "$(SHOPREG_BASE_URL=http://127.0.0.1:4000 npx tsx demo-api-key.ts)"
 */
const baseUrl = (process.env.SHOPREG_BASE_URL ?? "http://127.0.0.1:4000").replace(/\/+$/, "");
const email = process.env.SHOPREG_EMAIL ?? "us-partner@shopreg.test";
const password = process.env.SHOPREG_PASSWORD ?? "shopreg-demo-2026";

const login = await fetch(`${baseUrl}/v1/session`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email, password }),
});
if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;

const res = await fetch(`${baseUrl}/v1/api-keys`, {
  method: "POST",
  headers: { "content-type": "application/json", cookie },
  body: JSON.stringify({ name: `examples ${new Date().toISOString()}` }),
});
if (!res.ok) throw new Error(`creating the key failed: ${res.status} ${await res.text()}`);
const key = (await res.json()) as { secret: string };
console.log(`export SHOPREG_BASE_URL=${baseUrl}`);
console.log(`export SHOPREG_API_KEY=${key.secret}`);

export {};
