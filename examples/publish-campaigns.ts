/**
 * A TSP tool in miniature: one published service per campaign, and each campaign's two referral
 * links (local sellers, cross-border sellers) to hand to the sales team.
 *
 *   SHOPREG_API_KEY=sr_live_... SHOPREG_BASE_URL=http://127.0.0.1:4000 npx tsx publish-campaigns.ts [campaigns.json]
 *
 * Safe to re-run: each call carries an Idempotency-Key derived from the campaign, so a second run
 * gets the first run's services back instead of duplicates.
 */
import { readFileSync } from "node:fs";
import { type Service, Shopreg, ShopregError, ValidationError } from "@shopreg/sdk";

type Campaign = { slug: string; name: string; description: string };

const file = process.argv[2] ?? new URL("campaigns.json", import.meta.url);
const campaigns = JSON.parse(readFileSync(file, "utf8")) as Campaign[];
const contactEmail = process.env.SHOPREG_CONTACT_EMAIL ?? "partnerships@tsp.example";

const shopreg = new Shopreg({ apiKey: process.env.SHOPREG_API_KEY, baseUrl: process.env.SHOPREG_BASE_URL });

// Services need an Approved application; use its category and market.
const approved = (await shopreg.applications.list({ status: "APPROVED" })).data[0];
if (!approved) {
  console.error("No approved application yet: apply with shopreg.applications.create() and wait for the review.");
  process.exit(1);
}
const { category_id, target_market } = approved;

// A run id keeps keys distinct between separate runs that should create new services (SHOPREG_RUN_ID).
const runId = process.env.SHOPREG_RUN_ID ?? "1";
const results: { campaign: Campaign; service?: Service; error?: ShopregError }[] = [];

for (const [i, campaign] of campaigns.entries()) {
  const started = performance.now();
  const progress = `[${i + 1}/${campaigns.length}] ${campaign.slug}`;
  try {
    const draft = await shopreg.services.create(
      {
        type: "CUSTOM",
        category_id,
        target_market,
        name: campaign.name,
        description: campaign.description,
        contact_email: contactEmail,
      },
      { idempotencyKey: `campaign-${runId}-${campaign.slug}-create` },
    );
    const service = await shopreg.services.publish(
      draft.id,
      { confirm_target_market: target_market },
      { idempotencyKey: `campaign-${runId}-${campaign.slug}-publish` },
    );
    results.push({ campaign, service });
    console.log(`${progress}: published ${service.id} (${service.status}) in ${Math.round(performance.now() - started)} ms`);
  } catch (err) {
    if (!(err instanceof ShopregError)) throw err;
    results.push({ campaign, error: err });
    const fields = err instanceof ValidationError ? ` ${err.fields.map((f) => `${f.path}: ${f.message}`).join("; ")}` : "";
    console.log(
      `${progress}: FAILED ${err.code} (${err.status ?? "no response"}) ${err.message}${fields} [request ${err.requestId}]`,
    );
  }
}

console.log("");
for (const { campaign, service } of results) {
  if (!service) continue;
  const link = (audience: string) => service.referral_links.find((l) => l.audience === audience)?.url ?? "-";
  console.log(`${campaign.slug}`);
  console.log(`  local sellers:        ${link("LOCAL_SELLER")}`);
  console.log(`  cross-border sellers: ${link("CROSS_BORDER_SELLER")}`);
}
const failed = results.filter((r) => r.error).length;
console.log(`\n${results.length - failed} published, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
