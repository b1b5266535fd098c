import { findApiKey, insertApiKey, listApiKeys as listKeyRows, newId, revokeApiKey as revokeKeyRow } from "@shopreg/db";
import { type ApiKeyScope, type Cursor, Forbidden, NotFound } from "@shopreg/domain";
import { mintApiKey } from "../auth/secrets.ts";
import type { PartnerPrincipal, UseCaseContext } from "../context.ts";
import { audit } from "./audit.ts";

/** Keys are managed from a signed-in session; a key cannot mint or revoke keys (a leaked key cannot entrench itself). */
function requireSession(ctx: UseCaseContext<PartnerPrincipal>) {
  if (ctx.principal.kind !== "partner_user")
    throw new Forbidden("Manage API keys from a signed-in session in the partner portal, not with an API key.");
  return ctx.principal;
}

export async function createApiKey(
  ctx: UseCaseContext<PartnerPrincipal>,
  input: { name: string; scopes?: ApiKeyScope[] | undefined },
) {
  const user = requireSession(ctx);
  // A key holds at most what its creator's role allows (by default exactly that): no one mints more power than they have.
  const scopes = [...new Set(input.scopes ?? user.scopes)];
  const notHeld = scopes.filter((s) => !user.scopes.includes(s));
  if (notHeld.length > 0) {
    throw new Forbidden(
      `Your role (${user.role}) does not hold these scopes, so a key you create cannot: ${notHeld.join(", ")}.`,
      {
        scopes_not_held: notHeld,
      },
    );
  }
  const minted = mintApiKey();
  return ctx.db.transaction().execute(async (trx) => {
    const key = await insertApiKey(trx, {
      id: newId(),
      partner_id: user.partnerId,
      name: input.name,
      prefix: minted.prefix,
      secret_hash: minted.hash,
      scopes,
      created_by: user.userId,
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
    // The secret leaves the server once, here; only its hash is stored.
    return { key, secret: minted.secret };
  });
}

export const listApiKeys = (ctx: UseCaseContext<PartnerPrincipal>, params: { limit: number; cursor?: Cursor | undefined }) =>
  listKeyRows(ctx.db, ctx.principal.partnerId, params);

export async function revokeApiKey(ctx: UseCaseContext<PartnerPrincipal>, id: string) {
  const user = requireSession(ctx);
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
    return revoked;
  });
}

export async function currentApiKey(ctx: UseCaseContext<PartnerPrincipal>) {
  if (ctx.principal.kind !== "api_key")
    throw new Forbidden("This endpoint describes the API key making the request; call it with an API key.");
  const key = await findApiKey(ctx.db, ctx.principal.partnerId, ctx.principal.keyId);
  if (!key) throw new NotFound("API key not found.");
  return key;
}
