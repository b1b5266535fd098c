import DownloadIcon from "@mui/icons-material/Download";
import { Box, Button, Paper, Stack, TextField, Typography } from "@mui/material";
import { formatCount } from "@shopreg/analytics-ui";
import { QRCodeCanvas } from "qrcode.react";
import { useRef } from "react";
import type { ReferralLink } from "../lib/api.ts";
import { useI18n } from "../lib/i18n.tsx";
import { CopyButton } from "./copy.tsx";

type LinkStats = { clicks: number; unique_clicks: number; registrations: number };

export function ReferralLinkCard({
  link,
  serviceName,
  stats,
}: {
  link: ReferralLink;
  serviceName: string;
  /** The link's last 30 days, once loaded. */
  stats?: LinkStats | undefined;
}) {
  const { t, lang } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const audience = t(`audience.${link.audience}`);
  const download = () => {
    const url = canvas.current?.toDataURL("image/png");
    if (!url) return;
    const a = document.createElement("a");
    a.href = url;
    a.download = `${serviceName}-${link.audience.toLowerCase()}.png`.replace(/[^\w.-]+/g, "-");
    a.click();
  };
  const id = `link-${link.audience}`;
  return (
    <Paper component="section" aria-labelledby={`${id}-title`} sx={{ p: 2 }} data-audience={link.audience}>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ alignItems: { sm: "center" } }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography id={`${id}-title`} variant="h3" component="h3">
            {audience}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {t(`audience.${link.audience}.help`)}
          </Typography>
          <TextField
            id={`${id}-url`}
            label={t("link.url")}
            value={link.url}
            fullWidth
            size="small"
            slotProps={{ input: { readOnly: true }, htmlInput: { "data-testid": `url-${link.audience}` } }}
            onFocus={(e) => e.target.select()}
          />
          {stats ? (
            <Typography variant="body2" sx={{ mt: 1 }} data-testid={`stats-${link.audience}`}>
              <Box component="span" sx={{ color: "text.secondary" }}>
                {t("analytics.last30")}:
              </Box>{" "}
              {t("analytics.linkStats", {
                clicks: formatCount(stats.clicks, lang),
                unique: formatCount(stats.unique_clicks, lang),
                registrations: formatCount(stats.registrations, lang),
              })}
            </Typography>
          ) : null}
          <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
            <CopyButton text={link.url} label={t("link.copy")} variant="contained" />
            <Button size="small" startIcon={<DownloadIcon />} onClick={download}>
              {t("link.downloadQr")}
            </Button>
          </Stack>
        </Box>
        <Box sx={{ p: 1, bgcolor: "#fff", border: 1, borderColor: "divider", borderRadius: 1, alignSelf: "center" }}>
          <QRCodeCanvas
            ref={canvas}
            value={link.url}
            size={132}
            marginSize={2}
            role="img"
            aria-label={t("link.qr", { audience })}
          />
        </Box>
      </Stack>
    </Paper>
  );
}
