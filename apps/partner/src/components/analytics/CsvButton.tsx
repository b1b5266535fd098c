import DownloadIcon from "@mui/icons-material/Download";
import { Button } from "@mui/material";
import { useI18n } from "../../lib/i18n.tsx";

/** A plain link to the API's CSV export: the browser downloads it with the session cookie. */
export function CsvButton({ href, report }: { href: string; report: string }) {
  const { t } = useI18n();
  return (
    <Button
      component="a"
      href={href}
      download
      size="small"
      startIcon={<DownloadIcon />}
      aria-label={t("analytics.csvOf", { report })}
    >
      {t("analytics.csv")}
    </Button>
  );
}
