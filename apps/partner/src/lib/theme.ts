import { createTheme } from "@mui/material/styles";

/** TikTok-like red, darkened so white text on it passes WCAG AA (axe's color-contrast). */
export const theme = createTheme({
  palette: {
    primary: { main: "#c41f45" },
    secondary: { main: "#1f2937" },
    background: { default: "#f5f6f8" },
    // A decided application's fields are disabled yet must stay readable (MUI's 0.38 is 2.7:1 on white).
    text: { disabled: "rgba(0, 0, 0, 0.58)" },
  },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif',
    h1: { fontSize: "1.6rem", fontWeight: 600 },
    h2: { fontSize: "1.25rem", fontWeight: 600 },
    h3: { fontSize: "1.05rem", fontWeight: 600 },
  },
  components: {
    MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { textTransform: "none", fontWeight: 600 } } },
    MuiToggleButton: { styleOverrides: { root: { textTransform: "none", fontWeight: 600 } } },
    MuiTab: { styleOverrides: { root: { textTransform: "none", fontWeight: 600 } } },
    MuiPaper: { defaultProps: { variant: "outlined" } },
    MuiAppBar: { defaultProps: { elevation: 0 } },
  },
});
