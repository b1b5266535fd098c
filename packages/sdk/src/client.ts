import { type ApiRequest, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type Fetch, type RequestOptions, Transport } from "./core.ts";
import { ShopregError } from "./errors.ts";
import { Incentives } from "./incentives.ts";
import { Analytics, ApiKeys, Applications, CatalogResource, Profile, Services, WebhookEndpoints } from "./resources.ts";

export type ShopregOptions = {
  /** A partner API key (`sr_live_...`). Defaults to the SHOPREG_API_KEY environment variable where there is one. */
  apiKey?: string;
  /** The API's origin, e.g. `https://api.shopreg.example`. Defaults to SHOPREG_BASE_URL. */
  baseUrl?: string;
  /** A fetch implementation (defaults to the global fetch). */
  fetch?: Fetch;
  /** Retries of a failed attempt (408, 409 idempotency_in_progress, 429, 5xx, network errors, timeouts). Default 2. */
  maxRetries?: number;
  /** Per attempt, in milliseconds. Default 60 000. */
  timeoutMs?: number;
};

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/**
 * The shopreg Partner API client.
 *
 * ```ts
 * const shopreg = new Shopreg({ apiKey: process.env.SHOPREG_API_KEY, baseUrl: "https://api.shopreg.example" });
 * const service = await shopreg.services.create({ type: "CUSTOM", category_id: "shop_registration", target_market: "US", ... });
 * const live = await shopreg.services.publish(service.id, { confirm_target_market: "US" });
 * live.referral_links; // the two links
 * ```
 */
export class Shopreg {
  readonly profile: Profile;
  readonly apiKeys: ApiKeys;
  readonly webhookEndpoints: WebhookEndpoints;
  readonly catalog: CatalogResource;
  readonly applications: Applications;
  readonly services: Services;
  readonly analytics: Analytics;
  /** Incentive programs, your statements and disputes. */
  readonly incentives: Incentives;
  readonly baseUrl: string;
  readonly #transport: Transport;

  constructor(options: ShopregOptions = {}) {
    const apiKey = options.apiKey ?? env("SHOPREG_API_KEY");
    const baseUrl = options.baseUrl ?? env("SHOPREG_BASE_URL");
    if (!apiKey) {
      throw new ShopregError("Missing API key: pass { apiKey } or set SHOPREG_API_KEY.", { code: "missing_api_key" });
    }
    if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
      throw new ShopregError("Missing or invalid baseUrl: pass { baseUrl: 'https://...' } or set SHOPREG_BASE_URL.", {
        code: "missing_base_url",
      });
    }
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new ShopregError("maxRetries must be a whole number >= 0.", { code: "invalid_option" });
    }
    if (!(timeoutMs > 0)) throw new ShopregError("timeoutMs must be > 0.", { code: "invalid_option" });
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.#transport = new Transport({ apiKey, baseUrl: this.baseUrl, fetch: options.fetch, maxRetries, timeoutMs });
    this.profile = new Profile(this.#transport);
    this.apiKeys = new ApiKeys(this.#transport);
    this.webhookEndpoints = new WebhookEndpoints(this.#transport);
    this.catalog = new CatalogResource(this.#transport);
    this.applications = new Applications(this.#transport);
    this.services = new Services(this.#transport);
    this.analytics = new Analytics(this.#transport);
    this.incentives = new Incentives(this.#transport);
  }

  /** Any API call by path, with the same auth, retries and errors; for endpoints newer than this SDK. */
  request<T = unknown>(req: ApiRequest, options?: RequestOptions): Promise<T> {
    return this.#transport.request<T>(req, options);
  }
}
