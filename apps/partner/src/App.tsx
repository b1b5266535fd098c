import { CssBaseline, createTheme, ThemeProvider } from "@mui/material";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { type ReactNode, useMemo } from "react";
import { I18nProvider, type Lang, useI18n } from "./lib/i18n.tsx";
import { theme } from "./lib/theme.ts";
import type { AppRouter } from "./router.tsx";

export function App({ router, lang }: { router: AppRouter; lang?: Lang }) {
  return (
    <QueryClientProvider client={router.options.context.queryClient}>
      <I18nProvider {...(lang ? { lang } : {})}>
        <LocalizedTheme>
          <CssBaseline />
          <RouterProvider router={router} />
        </LocalizedTheme>
      </I18nProvider>
    </QueryClientProvider>
  );
}

/** The theme with Material UI's own control words in the reader's language. */
function LocalizedTheme({ children }: { children: ReactNode }) {
  const { muiLocale } = useI18n();
  const localized = useMemo(() => (muiLocale ? createTheme(theme, muiLocale) : theme), [muiLocale]);
  return <ThemeProvider theme={localized}>{children}</ThemeProvider>;
}
