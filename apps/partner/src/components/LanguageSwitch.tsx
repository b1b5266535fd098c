import TranslateIcon from "@mui/icons-material/Translate";
import { MenuItem, TextField } from "@mui/material";
import { type Lang, useI18n } from "../lib/i18n.tsx";

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <TextField
      select
      size="small"
      value={lang}
      onChange={(e) => setLang(e.target.value as Lang)}
      label={t("lang.label")}
      sx={{ minWidth: 120 }}
      slotProps={{ input: { startAdornment: <TranslateIcon fontSize="small" sx={{ mr: 1 }} aria-hidden /> } }}
    >
      <MenuItem value="en" lang="en">
        English
      </MenuItem>
      <MenuItem value="zh" lang="zh-CN">
        简体中文
      </MenuItem>
    </TextField>
  );
}
