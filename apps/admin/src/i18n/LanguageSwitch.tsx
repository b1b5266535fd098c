import TranslateIcon from "@mui/icons-material/Translate";
import { Button, Menu, MenuItem, ThemeProvider } from "@mui/material";
import { createTheme, type Theme } from "@mui/material/styles";
import { type ReactNode, useEffect, useId, useState } from "react";
import { useLocaleState } from "react-admin";
import { LOCALES, localeTag, muiLocaleOf, rememberLang, useLang, useT } from "./index.tsx";

/**
 * The language switch (app bar and sign-in page): the current language by its own name, labelled
 * "Language / 语言" so it is found in either. The choice is remembered on this browser.
 */
export function LanguageSwitch({ color = "inherit" }: { color?: "inherit" | "primary" }) {
  const [, setLocale] = useLocaleState();
  const lang = useLang();
  const t = useT();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const current = LOCALES.find((l) => l.locale === lang) ?? LOCALES[0];
  return (
    <>
      <Button
        color={color}
        startIcon={<TranslateIcon />}
        aria-label={`${t("language")}: ${current.name}`}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        {current.name}
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        {LOCALES.map((l) => (
          <MenuItem
            key={l.locale}
            lang={localeTag(l.locale)}
            selected={l.locale === lang}
            onClick={() => {
              setAnchor(null);
              rememberLang(l.locale);
              setLocale(l.locale);
            }}
          >
            {l.name}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

/** The page's lang and title follow the active language. */
export function useLocaleEffects(pageTitle?: string) {
  const lang = useLang();
  const t = useT();
  const app = t("app_title");
  useEffect(() => {
    document.documentElement.lang = localeTag(lang);
  }, [lang]);
  useEffect(() => {
    document.title = pageTitle && pageTitle !== app ? `${pageTitle} · ${app}` : app;
  }, [pageTitle, app]);
}

/** MUI's own labels (pagination, pickers, autocomplete) in the active language. */
export function LocalizedMui({ children }: { children: ReactNode }) {
  const locale = muiLocaleOf(useLang());
  if (!locale) return <>{children}</>;
  return <ThemeProvider theme={(outer: Theme) => createTheme(outer, locale)}>{children}</ThemeProvider>;
}
