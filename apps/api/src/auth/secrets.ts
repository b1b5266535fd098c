import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** Argon2id with the library's defaults (OWASP-recommended memory and time costs). */
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

/** A hash to compare against when the user does not exist, so timing does not tell which emails exist. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => {
  dummyHash ??= hashPassword("not-a-real-password-shopreg");
  return dummyHash;
};

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");
export const safeEqual = (a: string, b: string) => {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
};

/** A secret for a link or a session: hand `token` out once, store only `hash` (sha256), look it up by hash. */
export function mintToken(): { token: string; hash: string } {
  const token = randomToken(32);
  return { token, hash: sha256(token) };
}

/** API keys look like sr_live_<8 id chars>_<32 secret chars>; the first part is the displayable prefix. */
export function mintApiKey(): { secret: string; prefix: string; hash: string } {
  const id = randomBytes(6).toString("base64url");
  const secret = `sr_live_${id}_${randomToken(24)}`;
  return { secret, prefix: `sr_live_${id}`, hash: sha256(secret) };
}

/**
 * A new webhook signing secret in the Standard Webhooks format: whsec_ + base64 of 32 random bytes.
 * It must be usable to sign, so it cannot be hashed like an API key: it is kept sealed (sealer.ts).
 */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;
