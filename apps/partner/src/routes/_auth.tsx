import AnalyticsIcon from "@mui/icons-material/InsertChartOutlined";
import ApiIcon from "@mui/icons-material/Key";
import LogoutIcon from "@mui/icons-material/Logout";
import MenuIcon from "@mui/icons-material/Menu";
import IncentivesIcon from "@mui/icons-material/PaidOutlined";
import PersonIcon from "@mui/icons-material/PersonOutline";
import StorefrontIcon from "@mui/icons-material/StorefrontOutlined";
import WebhookIcon from "@mui/icons-material/Webhook";
import {
  AppBar,
  Box,
  Button,
  IconButton,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Toolbar,
  Typography,
  useMediaQuery,
  useTheme,
} from "@mui/material";
import type { ApiKeyScope } from "@shopreg/domain";
import { useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, Outlet, redirect, useLocation, useRouter } from "@tanstack/react-router";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { ListItemLink } from "../components/links.tsx";
import { ForbiddenState, LoadingState } from "../components/states.tsx";
import { TeamNav } from "../components/TeamNav.tsx";
import { UnverifiedBanner } from "../components/UnverifiedBanner.tsx";
import { type MessageKey, useI18n } from "../lib/i18n.tsx";
import { sessionQuery } from "../lib/queries.ts";
import { hasScope } from "../lib/scopes.ts";

/** Everything behind the login: no session, no page (back here after logging in). */
export const Route = createFileRoute("/_auth")({
  beforeLoad: async ({ context, location }) => {
    const session = await context.auth.getSession();
    if (!session) throw redirect({ to: "/login", search: { redirect: location.href } });
    return { session };
  },
  pendingComponent: LoadingState,
  component: Shell,
});

const DRAWER = 232;

// The phone's slide-in menu (and Material UI's modal) loads when it is first opened.
const Drawer = lazy(() => import("@mui/material/Drawer"));

const NAV = [
  { to: "/profile", scope: "profile:read", label: "nav.profile", icon: <PersonIcon /> },
  { to: "/services", scope: "services:read", label: "nav.appService", icon: <StorefrontIcon /> },
  { to: "/analytics", scope: "analytics:read", label: "nav.analytics", icon: <AnalyticsIcon /> },
  { to: "/incentives", scope: "incentives:read", label: "nav.incentives", icon: <IncentivesIcon /> },
  { to: "/api-keys", scope: "api_keys:read", label: "nav.apiKeys", icon: <ApiIcon /> },
  { to: "/webhooks", scope: "webhooks:read", label: "nav.webhooks", icon: <WebhookIcon /> },
] as const satisfies readonly { to: string; scope: ApiKeyScope; label: MessageKey; icon: ReactNode }[];

function Shell() {
  const { t } = useI18n();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up("md"));
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const { auth } = Route.useRouteContext();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const has = (scope: ApiKeyScope) => hasScope(session, scope);
  // A page opened by its address that the role cannot use (the same table as the navigation):
  // explain it rather than let its requests fail one by one.
  const { pathname } = useLocation();
  const closed = NAV.some((item) => (pathname === item.to || pathname.startsWith(`${item.to}/`)) && !has(item.scope));
  const logOut = async () => {
    await auth.logOut();
    await router.navigate({ to: "/login" });
  };
  const nav = (
    <Box component="nav" aria-label={t("app.title")} sx={{ width: DRAWER }}>
      <Toolbar />
      <ListSubheader component="div" id="nav-my-account">
        {t("nav.myAccount")}
      </ListSubheader>
      <List aria-labelledby="nav-my-account" sx={{ pt: 0 }}>
        {/* Only what the member's role may open, from the scopes the API reported for the session. */}
        {NAV.filter((item) => has(item.scope)).map((item) => (
          <ListItem disablePadding key={item.to}>
            <ListItemLink to={item.to} activeProps={{ selected: true }} onClick={() => setOpen(false)}>
              <ListItemIcon>{item.icon}</ListItemIcon>
              <ListItemText primary={t(item.label)} />
            </ListItemLink>
          </ListItem>
        ))}
        <TeamNav onNavigate={() => setOpen(false)} />
      </List>
    </Box>
  );
  return (
    <Box sx={{ display: "flex", minHeight: "100vh" }}>
      <AppBar
        position="fixed"
        color="inherit"
        sx={{ zIndex: (th) => th.zIndex.drawer + 1, borderBottom: 1, borderColor: "divider" }}
      >
        <Toolbar sx={{ gap: 1.5 }}>
          {!wide ? (
            <IconButton edge="start" aria-label={t("nav.menu")} onClick={() => setOpen(true)}>
              <MenuIcon />
            </IconButton>
          ) : null}
          <Typography component="p" sx={{ fontWeight: 700, flexGrow: 1, minWidth: 0 }} noWrap>
            {/* On a phone the header keeps the app's name whole; the brand shows from tablets up. */}
            <Box component="span" sx={{ color: "primary.main", display: { xs: "none", sm: "inline" } }}>
              TikTok Shop{" "}
            </Box>
            {t("app.title")}
          </Typography>
          <LanguageSwitch />
          {wide && session ? (
            <Typography variant="body2" color="text.secondary" noWrap sx={{ maxWidth: 220 }}>
              {session.partner.company_name}
            </Typography>
          ) : null}
          {wide ? (
            <Button color="inherit" startIcon={<LogoutIcon />} onClick={logOut} sx={{ whiteSpace: "nowrap" }}>
              {t("nav.logout")}
            </Button>
          ) : (
            <IconButton aria-label={t("nav.logout")} title={t("nav.logout")} onClick={logOut}>
              <LogoutIcon />
            </IconButton>
          )}
        </Toolbar>
      </AppBar>
      {wide ? (
        // What a permanent Drawer draws (a fixed column with a border), without its modal code.
        <Box sx={{ width: DRAWER, flexShrink: 0 }}>
          <Box
            sx={{
              position: "fixed",
              top: 0,
              bottom: 0,
              width: DRAWER,
              overflowY: "auto",
              borderRight: 1,
              borderColor: "divider",
              bgcolor: "background.paper",
            }}
          >
            {nav}
          </Box>
        </Box>
      ) : open ? (
        <Suspense fallback={null}>
          <Drawer variant="temporary" open onClose={() => setOpen(false)}>
            {nav}
          </Drawer>
        </Suspense>
      ) : null}
      <Box component="main" sx={{ flexGrow: 1, minWidth: 0, p: { xs: 2, sm: 3 } }}>
        <Toolbar />
        {session && !session.user.email_verified ? <UnverifiedBanner email={session.user.email} /> : null}
        {closed ? <ForbiddenState /> : <Outlet />}
      </Box>
    </Box>
  );
}
