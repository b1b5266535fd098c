// The README's "two referral links" in code: SHOPREG_API_KEY=... SHOPREG_BASE_URL=... npx tsx quickstart.ts
import { Shopreg } from "@shopreg/sdk";

const shopreg = new Shopreg({ apiKey: process.env.SHOPREG_API_KEY, baseUrl: process.env.SHOPREG_BASE_URL });
// biome-ignore format: as compact as in the README
const draft = await shopreg.services.create({
  type: "CUSTOM", category_id: "shop_registration", target_market: "US",
  name: "Spring onboarding", description: "We register and run your TikTok Shop.", contact_email: "ops@tsp.example",
});
const service = await shopreg.services.publish(draft.id, { confirm_target_market: "US" });
for (const link of service.referral_links) console.log(link.audience, link.url); // LOCAL_SELLER, CROSS_BORDER_SELLER
