import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * Closed incentive statements are signed (docs/incentives.md, "Signature format"): the statement's
 * content as RFC 8785 canonical JSON (UTF-8), its SHA-256 as `content_hash`, and an Ed25519
 * signature over those same bytes. A partner verifies offline with the published public key.
 */
export const STATEMENT_FORMAT = "shopreg.incentive-statement.v1";

// PKCS#8 DER prefix of an Ed25519 private key: the 32-byte seed follows it (RFC 8410).
const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");

export type StatementSigner = {
  keyId: string;
  publicJwk: { kty: "OKP"; crv: "Ed25519"; x: string };
  publicPem: string;
  privateKey: KeyObject;
};

export function statementSigner(seed: Buffer): StatementSigner {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: "jwk" }) as { x: string };
  // The key id names the key, so a rotated key is told apart: the first 16 hex of SHA-256 over the raw public key.
  const keyId = createHash("sha256").update(Buffer.from(jwk.x, "base64url")).digest("hex").slice(0, 16);
  return {
    keyId,
    publicJwk: { kty: "OKP", crv: "Ed25519", x: jwk.x },
    publicPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    privateKey,
  };
}

export type SignedStatement = {
  format: typeof STATEMENT_FORMAT;
  statement: Record<string, unknown>;
  content_hash: string;
  signature: { alg: "Ed25519"; key_id: string; value: string };
};

export function signStatement(signer: StatementSigner, statement: Record<string, unknown>): SignedStatement {
  const canonical = canonicalize(statement);
  if (canonical === undefined) throw new Error("A statement must be JSON.");
  const bytes = Buffer.from(canonical, "utf8");
  return {
    format: STATEMENT_FORMAT,
    statement,
    content_hash: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
    signature: { alg: "Ed25519", key_id: signer.keyId, value: sign(null, bytes, signer.privateKey).toString("base64url") },
  };
}
