import { Chip } from "@mui/material";
import { useI18n } from "../../lib/i18n.tsx";

export function EnabledChip({ enabled }: { enabled: boolean }) {
  const { t } = useI18n();
  return enabled ? (
    <Chip size="small" label={t("webhooks.enabled")} sx={{ bgcolor: "#e8f5e9", color: "#1b5e20", fontWeight: 600 }} />
  ) : (
    <Chip size="small" label={t("webhooks.disabled")} sx={{ bgcolor: "#eceff1", color: "#37474f", fontWeight: 600 }} />
  );
}
