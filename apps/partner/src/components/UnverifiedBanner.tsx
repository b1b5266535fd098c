import { Alert, Button } from "@mui/material";
import { useMutation } from "@tanstack/react-query";
import { client, data } from "../lib/api.ts";
import { useApiErrors } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";

/** Shown inside the portal until the address is confirmed (the session says `email_verified`), with "resend". */
export function UnverifiedBanner({ email }: { email: string }) {
  const { t } = useI18n();
  const { errorText } = useApiErrors();
  const resend = useMutation({ mutationFn: () => data(client.POST("/v1/me/email-verification")) });
  return (
    <Alert
      severity={resend.isSuccess ? "success" : "warning"}
      sx={{ mb: 2 }}
      action={
        resend.isSuccess ? null : (
          <Button
            color="inherit"
            size="small"
            sx={{ whiteSpace: "nowrap" }}
            onClick={() => resend.mutate()}
            disabled={resend.isPending}
          >
            {t("banner.resend")}
          </Button>
        )
      }
    >
      {resend.isSuccess
        ? t("banner.resent", { email })
        : resend.error
          ? errorText(resend.error)
          : t("banner.unverified", { email })}
    </Alert>
  );
}
