import DownloadIcon from "@mui/icons-material/Download";
import ExpandMoreIcon from "@mui/icons-material/ExpandMore";
import { Accordion, AccordionDetails, AccordionSummary, Box, Button, Paper, Stack, TextField, Typography } from "@mui/material";
import { formatCount } from "@shopreg/analytics-ui/format";
import { CAMPAIGN_TAG_MAX_LENGTH, type CampaignTags, referralLinkUrl } from "@shopreg/sdk";
import { QRCodeCanvas, QRCodeSVG } from "qrcode.react";
import { useRef, useState } from "react";
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
  const print = useRef<SVGSVGElement>(null);
  const audience = t(`audience.${link.audience}`);
  const fileName = `${serviceName}-${link.audience.toLowerCase()}`.replace(/[^\w.-]+/g, "-");
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
            <Button size="small" startIcon={<DownloadIcon />} onClick={() => void downloadQr(print.current, fileName, "svg")}>
              {t("link.downloadSvg")}
            </Button>
            <Button size="small" startIcon={<DownloadIcon />} onClick={() => void downloadQr(print.current, fileName, "png")}>
              {t("link.downloadPng")}
            </Button>
          </Stack>
          {/* The print version: 1024 px with the standard quiet zone of 4 modules. */}
          <Box sx={{ display: "none" }}>
            <QRCodeSVG ref={print} value={link.url} size={PRINT_SIZE} marginSize={4} />
          </Box>
        </Box>
        <Box sx={{ p: 1, bgcolor: "#fff", border: 1, borderColor: "divider", borderRadius: 1, alignSelf: "center" }}>
          <QRCodeCanvas value={link.url} size={132} marginSize={2} role="img" aria-label={t("link.qr", { audience })} />
        </Box>
      </Stack>
      <TaggedLink link={link} audience={audience} id={id} />
    </Paper>
  );
}

const PRINT_SIZE = 1024;

/** Saves the print QR code as SVG, or as a 1024 px PNG drawn from it. */
async function downloadQr(svg: SVGSVGElement | null, name: string, format: "svg" | "png") {
  if (!svg) return;
  const svgBlob = new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" });
  let blob: Blob | null = svgBlob;
  if (format === "png") {
    const image = new Image();
    const source = URL.createObjectURL(svgBlob);
    image.src = source;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = PRINT_SIZE;
    canvas.height = PRINT_SIZE;
    canvas.getContext("2d")?.drawImage(image, 0, 0, PRINT_SIZE, PRINT_SIZE);
    URL.revokeObjectURL(source);
    blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, "image/png"));
  }
  if (!blob) return;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `${name}.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const TAG_KEYS = ["campaign", "source", "medium"] as const;

/** The same fixed link with utm tags (the SDK's referralLinkUrl), to copy or print as a QR code. */
function TaggedLink({ link, audience, id }: { link: ReferralLink; audience: string; id: string }) {
  const { t } = useI18n();
  const [tags, setTags] = useState<CampaignTags>({});
  let url = "";
  let problem = "";
  try {
    url = referralLinkUrl(link, tags);
  } catch {
    // The SDK refuses a tag that is too long or holds an invisible character (in English): say which, in our words.
    const bad = TAG_KEYS.find((key) => {
      try {
        referralLinkUrl(link, { [key]: tags[key] });
        return false;
      } catch {
        return true;
      }
    });
    problem = t("link.tagInvalid", { tag: t(`link.${bad ?? "campaign"}`), max: String(CAMPAIGN_TAG_MAX_LENGTH) });
  }
  const tagged = !problem && url !== link.url;
  const field = (key: "campaign" | "source" | "medium") => (
    <TextField
      id={`${id}-${key}`}
      label={t(`link.${key}`)}
      size="small"
      value={tags[key] ?? ""}
      onChange={(e) => setTags((prev) => ({ ...prev, [key]: e.target.value }))}
      slotProps={{ htmlInput: { maxLength: 200 } }}
    />
  );
  return (
    // Its fields render when opened (the tags live above it): the service page's first render is lighter.
    <Accordion
      disableGutters
      elevation={0}
      sx={{ mt: 1.5, "&:before": { display: "none" } }}
      slotProps={{ transition: { unmountOnExit: true } }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`${id}-tagged`} id={`${id}-tagged-summary`}>
        <Typography sx={{ fontWeight: 600 }}>{t("link.tagged")}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {t("link.taggedHelp")}
        </Typography>
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ mb: 1.5 }}>
          {field("campaign")}
          {field("source")}
          {field("medium")}
        </Stack>
        <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ alignItems: { sm: "center" } }}>
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>
            <TextField
              id={`${id}-tagged-url`}
              label={t("link.taggedUrl")}
              value={tagged ? url : ""}
              placeholder={t("link.taggedHelp")}
              error={Boolean(problem)}
              helperText={problem || undefined}
              fullWidth
              size="small"
              slotProps={{ input: { readOnly: true }, htmlInput: { "data-testid": `tagged-url-${link.audience}` } }}
              onFocus={(e) => e.target.select()}
            />
            {tagged ? (
              <Box sx={{ mt: 1 }}>
                <CopyButton text={url} label={t("link.copyTagged")} />
              </Box>
            ) : null}
          </Box>
          {tagged ? (
            <Box sx={{ p: 1, bgcolor: "#fff", border: 1, borderColor: "divider", borderRadius: 1, alignSelf: "center" }}>
              <QRCodeCanvas value={url} size={132} marginSize={2} role="img" aria-label={t("link.taggedQr", { audience })} />
            </Box>
          ) : null}
        </Stack>
      </AccordionDetails>
    </Accordion>
  );
}
