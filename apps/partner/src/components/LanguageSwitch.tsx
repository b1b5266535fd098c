import TranslateIcon from "@mui/icons-material/Translate";
import { Box } from "@mui/material";
import { visuallyHidden } from "@shopreg/analytics-ui/format";
import { type ChangeEvent, useId } from "react";
import { type Lang, useI18n } from "../lib/i18n.tsx";

/**
 * The browser's own select (named, labelled by its own id): it is in every page's first download,
 * where Material UI's Select would bring its menu, popover and input (21 KB gzip).
 */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const id = useId();
  return (
    <Box sx={{ display: "inline-flex", alignItems: "center", gap: 0.5 }}>
      <TranslateIcon fontSize="small" aria-hidden />
      <Box component="label" htmlFor={id} sx={visuallyHidden}>
        {t("lang.label")}
      </Box>
      <Box
        component="select"
        id={id}
        name="lang"
        value={lang}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => setLang(e.target.value as Lang)}
        sx={{
          font: "inherit",
          fontSize: 14,
          color: "text.primary",
          bgcolor: "background.paper",
          border: 1,
          borderColor: "divider",
          borderRadius: 1,
          py: 0.75,
          px: 1,
          minHeight: 40,
        }}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="zh" lang="zh-CN">
          简体中文
        </option>
      </Box>
    </Box>
  );
}
