import { CssBaseline, ThemeProvider } from "@mui/material";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { I18nProvider, type Lang } from "./lib/i18n.tsx";
import { theme } from "./lib/theme.ts";
import type { AppRouter } from "./router.tsx";

export function App({ router, lang }: { router: AppRouter; lang?: Lang }) {
  return (
    <QueryClientProvider client={router.options.context.queryClient}>
      <I18nProvider {...(lang ? { lang } : {})}>
        <ThemeProvider theme={theme}>
          <CssBaseline />
          <RouterProvider router={router} />
        </ThemeProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
