import { createHmac, randomInt } from "node:crypto";
import { RECOVERY_CODE_COUNT } from "@shopreg/domain";
import { Secret, TOTP } from "otpauth";
import { type Keyring, open, seal } from "./sealer.ts";
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

/** TOTP secrets are sealed under TWO_FACTOR_KEY (and the previous key during a rotation): see sealer.ts. */
export const encryptSecret = (ring: Keyring, plain: string): string => seal(ring, plain);
export const decryptSecret = (ring: Keyring, sealed: string): string => open(ring, sealed);

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
 * plain hash, but without the key a stolen table tells nothing (issue 22, item 12). A code is
 * checked under every key of the ring, so codes issued before a `rotate-key` keep working while
 * TWO_FACTOR_KEY_PREVIOUS is set (they cannot be re-keyed: only their HMAC is kept).
 */
const hmacCode = (key: Buffer, code: string) => `h2:${createHmac("sha256", key).update(normalised(code)).digest("hex")}`;

export const hashRecoveryCode = (ring: Keyring, code: string) => hmacCode(ring.current.key, code);

/** The code's hash in every format stored so far: codes issued before the HMAC (plain sha256) still work once. */
export const recoveryCodeHashes = (ring: Keyring, code: string) => [
  ...[ring.current, ...ring.previous].map((k) => hmacCode(k.key, code)),
  sha256(normalised(code)),
];

export const isTotpCode = (code: string) => /^[0-9]{6}$/.test(code.trim());
