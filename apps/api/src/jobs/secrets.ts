import { randomBytes } from "node:crypto";
import { type Keyring, open, seal } from "../auth/sealer.ts";

/** A new signing secret in the Standard Webhooks format: whsec_ + base64 of 32 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/**
 * Signing secrets must be usable to sign, so they cannot be hashed like API keys: they are kept
 * sealed (AES-256-GCM, auth/sealer.ts) under WEBHOOK_SECRET_KEY, as are the tokens mail jobs carry.
 */
export const encryptSecret = (ring: Keyring, secret: string): string => seal(ring, secret);
export const decryptSecret = (ring: Keyring, stored: string): string => open(ring, stored);
