import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import { Button, Snackbar } from "@mui/material";
import { useState } from "react";
import { useI18n } from "../lib/i18n.tsx";

/** The async Clipboard API needs a secure context; fall back to execCommand elsewhere. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand?.("copy") ?? false;
  area.remove();
  return ok;
}

export function CopyButton({
  text,
  label,
  variant = "outlined",
}: {
  text: string;
  label?: string;
  variant?: "outlined" | "contained";
}) {
  const { t } = useI18n();
  const [note, setNote] = useState<string | null>(null);
  return (
    <>
      <Button
        variant={variant}
        size="small"
        startIcon={<ContentCopyIcon />}
        onClick={async () => setNote((await copyText(text)) ? t("common.copied") : t("common.copyFailed"))}
      >
        {label ?? t("common.copy")}
      </Button>
      <Snackbar open={note !== null} autoHideDuration={2500} onClose={() => setNote(null)} message={note} />
    </>
  );
}
