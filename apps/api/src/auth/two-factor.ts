import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt } from "node:crypto";
import { RECOVERY_CODE_COUNT } from "@shopreg/domain";
import { Secret, TOTP } from "otpauth";
import { sha256 } from "./secrets.ts";

/** TOTP as authenticator apps expect it (RFC 6238 defaults: SHA-1, 6 digits, 30 s). */
const PERIOD = 30;
const ISSUER = "shopreg";

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totpOf = (secretBase32: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secretBase32), period: PERIOD });

/** The otpauth:// URI an authenticator app scans; shown once, at enrolment. */
export const totpUri = (secretBase32: string, label: string) => totpOf(secretBase32, label).toString();

/**
 * The time step the code belongs to, if it is valid now (one step of drift either way), so the
 * caller can refuse a step that was already used.
 */
export function totpStep(secretBase32: string, code: string, now: Date): number | undefined {
  const delta = totpOf(secretBase32, "x").validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? undefined : Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** AES-256-GCM with a random 96-bit nonce: "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("unknown two-factor secret format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** Lower-case letters and digits without look-alikes (0/o, 1/l/i). */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes like "k7m2p-x9qrt" (about 49 bits each): shown once, stored as hashes, each used once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Codes are compared without case or dash, as people type them. */
const normalised = (code: string) => `recovery:${code.toLowerCase().replace(/[^a-z0-9]/g, "")}`;

/**
 * Stored as an HMAC under the server's two-factor key ("h2:" + hex): ~49 bits are too few for a
 * plain hash, but without the key a stolen table tells nothing (issue 22, item 12).
 */
export const hashRecoveryCode = (key: Buffer, code: string) =>
  `h2:${createHmac("sha256", key).update(normalised(code)).digest("hex")}`;

/** The code's hash in every format stored so far: codes issued before the HMAC (plain sha256) still work once. */
export const recoveryCodeHashes = (key: Buffer, code: string) => [hashRecoveryCode(key, code), sha256(normalised(code))];

export const isTotpCode = (code: string) => /^[0-9]{6}$/.test(code.trim());
