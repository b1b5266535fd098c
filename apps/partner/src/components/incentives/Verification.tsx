import VerifiedIcon from "@mui/icons-material/VerifiedOutlined";
import { Alert, AlertTitle, Box, Button, Link, Stack, Typography } from "@mui/material";
import { type StatementVerification, verifyStatement } from "@shopreg/sdk";
import { useQuery } from "@tanstack/react-query";
import { SIGNING_KEY_URL, type SignedStatement, type SigningKey, signedStatementQuery, signingKeyQuery } from "./api.ts";
import { useIncentiveI18n } from "./words.ts";

/** Whether this browser's Web Crypto does Ed25519 (Chrome 137+, Firefox 129+, Safari 17+). */
async function ed25519Supported(key: SigningKey): Promise<boolean> {
  try {
    await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: key.jwk.x }, { name: "Ed25519" }, false, ["verify"]);
    return true;
  } catch {
    return false;
  }
}

type Outcome =
  | { kind: "valid"; hash: string; keyId: string }
  | { kind: "invalid"; reason: Extract<StatementVerification, { valid: false }>["reason"] }
  | { kind: "unsupported"; hash: string; keyId: string };

async function check(doc: SignedStatement, key: SigningKey): Promise<Outcome> {
  if (!(await ed25519Supported(key))) return { kind: "unsupported", hash: doc.content_hash, keyId: doc.signature.key_id };
  const r = await verifyStatement(doc, key);
  return r.valid ? { kind: "valid", hash: r.content_hash, keyId: r.key_id } : { kind: "invalid", reason: r.reason };
}

function download(doc: SignedStatement, statementId: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `shopreg-incentive-statement-${statementId}.signed.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A closed statement's signature, checked here in the browser with the SDK's verifyStatement() against
 * the published key; where the browser cannot do Ed25519, the hash and the key to check it elsewhere.
 */
export function Verification({ statementId }: { statementId: string }) {
  const { t } = useIncentiveI18n();
  const signed = useQuery(signedStatementQuery(statementId));
  const key = useQuery(signingKeyQuery);
  const outcome = useQuery({
    queryKey: ["incentives", "verify", statementId],
    enabled: Boolean(signed.data && key.data),
    queryFn: () => check(signed.data as SignedStatement, key.data as SigningKey),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const keyLink = (
    <Link href={SIGNING_KEY_URL} target="_blank" rel="noopener">
      {t("incentives.verify.publicKey")}
    </Link>
  );
  if (signed.error || key.error || outcome.error) {
    return (
      <Alert severity="error">
        <AlertTitle>{t("incentives.verify.failedToLoad")}</AlertTitle>
        {t("incentives.verify.retryLater")}
      </Alert>
    );
  }
  const o = outcome.data;
  if (!o) {
    return (
      <Typography role="status" color="text.secondary">
        {t("incentives.verify.checking")}
      </Typography>
    );
  }
  const details = (hash: string, keyId: string) => (
    <Stack spacing={0.5} sx={{ mt: 1 }}>
      <Typography variant="body2">
        {t("incentives.verify.hash")}{" "}
        <Box component="code" data-testid="content-hash" sx={{ wordBreak: "break-all" }}>
          {hash}
        </Box>
      </Typography>
      <Typography variant="body2">
        {t("incentives.verify.keyId")} <code>{keyId}</code> · {keyLink}
      </Typography>
    </Stack>
  );
  return (
    <Stack spacing={1} data-testid="verification">
      {o.kind === "valid" ? (
        <Alert severity="success" icon={<VerifiedIcon />}>
          <AlertTitle>{t("incentives.verify.valid")}</AlertTitle>
          {t("incentives.verify.validHelp")}
          {details(o.hash, o.keyId)}
        </Alert>
      ) : o.kind === "invalid" ? (
        <Alert severity="error">
          <AlertTitle>{t("incentives.verify.invalid")}</AlertTitle>
          {t(`incentives.verify.reason.${o.reason}`)}
        </Alert>
      ) : (
        <Alert severity="info">
          <AlertTitle>{t("incentives.verify.unsupported")}</AlertTitle>
          {t("incentives.verify.unsupportedHelp")}
          {details(o.hash, o.keyId)}
        </Alert>
      )}
      <Box>
        <Button size="small" onClick={() => signed.data && download(signed.data, statementId)}>
          {t("incentives.verify.download")}
        </Button>
      </Box>
    </Stack>
  );
}
