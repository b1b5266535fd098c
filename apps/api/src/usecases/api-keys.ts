import { findApiKey, insertApiKey, listApiKeys as listKeyRows, newId, revokeApiKey as revokeKeyRow } from "@shopreg/db";
import { type ApiKeyScope, type Cursor, DEFAULT_API_KEY_SCOPES, Forbidden, NotFound } from "@shopreg/domain";
import { mintApiKey } from "../auth/secrets.ts";
import type { PartnerPrincipal, UseCaseContext } from "../context.ts";
import { toApiKey } from "../serializers.ts";
import { audit } from "./audit.ts";
import { emit } from "./events.ts";
import { makerOf, requireVerifiedMaker } from "./users.ts";

/**
 * The scopes a new key gets. A session holds its member role's scopes, a key (with api_keys:write)
 * those it was given; either can only hand on scopes it holds, so no one mints more power than they
 * have. None named: the defaults (DEFAULT_API_KEY_SCOPES), narrowed to the creator's own.
 */
function scopesForNewKey(principal: PartnerPrincipal, asked: ApiKeyScope[] | undefined): ApiKeyScope[] {
  const held: readonly ApiKeyScope[] = principal.scopes;
  if (!asked) return DEFAULT_API_KEY_SCOPES.filter((s) => held.includes(s));
  const missing = asked.filter((s) => !held.includes(s));
  if (missing.length > 0) {
    throw new Forbidden(
      principal.kind === "api_key"
        ? "An API key can only create keys with scopes it holds itself."
        : `Your role (${principal.role}) does not hold these scopes, so a key you create cannot: ${missing.join(", ")}.`,
      { missing_scopes: missing },
    ).because("scopes_not_held", { scopes: missing });
  }
  return [...new Set(asked)];
}

export async function createApiKey(
  ctx: UseCaseContext<PartnerPrincipal>,
  input: { name: string; scopes?: ApiKeyScope[] | undefined },
) {
  const user = ctx.principal;
  const scopes = scopesForNewKey(user, input.scopes);
  if (scopes.length === 0)
    throw new Forbidden("You hold none of the default scopes; name the scopes to give.").because("no_default_scopes");
  await requireVerifiedMaker(ctx, "create API keys");
  const minted = mintApiKey();
  return ctx.db.transaction().execute(async (trx) => {
    const key = await insertApiKey(trx, {
      id: newId(),
      partner_id: user.partnerId,
      name: input.name,
      prefix: minted.prefix,
      secret_hash: minted.hash,
      scopes,
      // A key minted by a key belongs to the same person: it ends with their access.
      created_by: makerOf(user),
      created_at: ctx.clock(),
    });
    await audit(trx, ctx, {
      partner_id: user.partnerId,
      entity_type: "api_key",
      entity_id: key.id,
      action: "create",
      to_status: "ACTIVE",
      data: { scopes },
    });
    await emit(trx, ctx, "api_key.created", user.partnerId, toApiKey(key));
    // The secret leaves the server once, here; only its hash is stored.
    return { key, secret: minted.secret };
  });
}

export const listApiKeys = (ctx: UseCaseContext<PartnerPrincipal>, params: { limit: number; cursor?: Cursor | undefined }) =>
  listKeyRows(ctx.db, ctx.principal.partnerId, params);

export async function revokeApiKey(ctx: UseCaseContext<PartnerPrincipal>, id: string) {
  const user = ctx.principal;
  return ctx.db.transaction().execute(async (trx) => {
    const key = await findApiKey(trx, user.partnerId, id);
    if (!key) throw new NotFound("API key not found.");
    if (key.revoked_at) return key;
    const revoked = await revokeKeyRow(trx, id, ctx.clock());
    await audit(trx, ctx, {
      partner_id: user.partnerId,
      entity_type: "api_key",
      entity_id: id,
      action: "revoke",
      from_status: "ACTIVE",
      to_status: "REVOKED",
    });
    await emit(trx, ctx, "api_key.revoked", user.partnerId, toApiKey(revoked));
    return revoked;
  });
}

export async function currentApiKey(ctx: UseCaseContext<PartnerPrincipal>) {
  if (ctx.principal.kind !== "api_key")
    throw new Forbidden("This endpoint describes the API key making the request; call it with an API key.").because(
      "api_key_required",
    );
  const key = await findApiKey(ctx.db, ctx.principal.partnerId, ctx.principal.keyId);
  if (!key) throw new NotFound("API key not found.");
  // What the key may do now: its scopes narrowed to its maker's current role (authenticate.ts).
  return { ...key, scopes: ctx.principal.scopes };
}
