import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * The one sealer for secrets kept encrypted at rest (webhook signing secrets and mailed tokens
 * under WEBHOOK_SECRET_KEY, TOTP secrets under TWO_FACTOR_KEY): AES-256-GCM with a random 96-bit
 * nonce, written "v2.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts). The key id names the key
 * that sealed it, so a rotation (`shopreg rotate-key`) knows what is left to re-seal and the
 * previous key is only tried where it is needed. Older ciphertexts ("v1.<iv>.<tag>.<ct>" for TOTP,
 * "<iv>.<tag>.<ct>" for webhooks) carry no key id and stay readable: every key of the ring is tried.
 */
export type SealKey = { id: string; key: Buffer };
export type Keyring = { current: SealKey; previous: SealKey[] };

/** 8 hex characters of a hash of the key: names it without revealing it. */
export const keyId = (key: Buffer) => createHash("sha256").update("shopreg-key-id\0").update(key).digest("hex").slice(0, 8);

export function keyring(current: Buffer, previous: Buffer[] = []): Keyring {
  for (const k of [current, ...previous]) if (k.length !== 32) throw new Error("A sealing key is 32 bytes.");
  const ring = { current: { id: keyId(current), key: current }, previous: previous.map((key) => ({ id: keyId(key), key })) };
  ring.previous = ring.previous.filter((p) => p.id !== ring.current.id);
  return ring;
}

export function seal(ring: Keyring, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v2", ring.current.id, ...[iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url"))].join(".");
}

const openWith = (key: Buffer, iv: string, tag: string, data: string) => {
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
};

export class SealedSecretError extends Error {}

export function open(ring: Keyring, sealed: string): string {
  const parts = sealed.split(".");
  if (parts[0] === "v2" && parts.length === 5) {
    const [, id, iv, tag, data] = parts as [string, string, string, string, string];
    const key = [ring.current, ...ring.previous].find((k) => k.id === id);
    if (!key) throw new SealedSecretError(`Sealed under key ${id}, which is neither the current nor a previous key.`);
    return openWith(key.key, iv, tag, data);
  }
  const legacy = parts[0] === "v1" && parts.length === 4 ? parts.slice(1) : parts.length === 3 ? parts : undefined;
  if (!legacy || legacy.some((p) => p === "")) throw new SealedSecretError("Unknown sealed secret format.");
  const [iv, tag, data] = legacy as [string, string, string];
  for (const k of [ring.current, ...ring.previous]) {
    try {
      return openWith(k.key, iv, tag, data);
    } catch {
      // the authentication tag fails under a wrong key: try the next one
    }
  }
  throw new SealedSecretError("No key of the ring opens this sealed secret.");
}

/** True when the current key sealed it in today's format: nothing left to re-seal. */
export const sealedUnderCurrent = (ring: Keyring, sealed: string) => sealed.startsWith(`v2.${ring.current.id}.`);

/** The LIKE pattern of values sealed under the current key (what a rotation skips). */
export const currentKeyPattern = (ring: Keyring) => `v2.${ring.current.id}.%`;
