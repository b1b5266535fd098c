import AnalyticsIcon from "@mui/icons-material/InsertChartOutlined";
import ApiIcon from "@mui/icons-material/Key";
import LogoutIcon from "@mui/icons-material/Logout";
import MenuIcon from "@mui/icons-material/Menu";
import PersonIcon from "@mui/icons-material/PersonOutline";
import StorefrontIcon from "@mui/icons-material/StorefrontOutlined";
import WebhookIcon from "@mui/icons-material/Webhook";
import {
  AppBar,
  Box,
  Button,
  Drawer,
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
import { useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, Outlet, redirect, useRouter } from "@tanstack/react-router";
import { useState } from "react";
import { LanguageSwitch } from "../components/LanguageSwitch.tsx";
import { ListItemLink } from "../components/links.tsx";
import { LoadingState } from "../components/states.tsx";
import { TeamNav } from "../components/TeamNav.tsx";
import { useI18n } from "../lib/i18n.tsx";
import { sessionQuery } from "../lib/queries.ts";

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

function Shell() {
  const { t } = useI18n();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up("md"));
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const { auth } = Route.useRouteContext();
  const { data: session } = useSuspenseQuery(sessionQuery);
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
        <ListItem disablePadding>
          <ListItemLink to="/profile" activeProps={{ selected: true }} onClick={() => setOpen(false)}>
            <ListItemIcon>
              <PersonIcon />
            </ListItemIcon>
            <ListItemText primary={t("nav.profile")} />
          </ListItemLink>
        </ListItem>
        <ListItem disablePadding>
          <ListItemLink to="/services" activeProps={{ selected: true }} onClick={() => setOpen(false)}>
            <ListItemIcon>
              <StorefrontIcon />
            </ListItemIcon>
            <ListItemText primary={t("nav.appService")} />
          </ListItemLink>
        </ListItem>
        <ListItem disablePadding>
          <ListItemLink to="/analytics" activeProps={{ selected: true }} onClick={() => setOpen(false)}>
            <ListItemIcon>
              <AnalyticsIcon />
            </ListItemIcon>
            <ListItemText primary={t("nav.analytics")} />
          </ListItemLink>
        </ListItem>
        <ListItem disablePadding>
          <ListItemLink to="/api-keys" activeProps={{ selected: true }} onClick={() => setOpen(false)}>
            <ListItemIcon>
              <ApiIcon />
            </ListItemIcon>
            <ListItemText primary={t("nav.apiKeys")} />
          </ListItemLink>
        </ListItem>
        <ListItem disablePadding>
          <ListItemLink to="/webhooks" activeProps={{ selected: true }} onClick={() => setOpen(false)}>
            <ListItemIcon>
              <WebhookIcon />
            </ListItemIcon>
            <ListItemText primary={t("nav.webhooks")} />
          </ListItemLink>
        </ListItem>
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
          <Typography component="p" sx={{ fontWeight: 700, flexGrow: 1 }} noWrap>
            <Box component="span" sx={{ color: "primary.main" }}>
              TikTok Shop
            </Box>{" "}
            {t("app.title")}
          </Typography>
          <LanguageSwitch />
          {wide && session ? (
            <Typography variant="body2" color="text.secondary" noWrap sx={{ maxWidth: 220 }}>
              {session.partner.company_name}
            </Typography>
          ) : null}
          <Button color="inherit" startIcon={<LogoutIcon />} onClick={logOut}>
            {t("nav.logout")}
          </Button>
        </Toolbar>
      </AppBar>
      {wide ? (
        <Drawer variant="permanent" sx={{ width: DRAWER, "& .MuiDrawer-paper": { width: DRAWER, boxSizing: "border-box" } }}>
          {nav}
        </Drawer>
      ) : (
        <Drawer variant="temporary" open={open} onClose={() => setOpen(false)}>
          {nav}
        </Drawer>
      )}
      <Box component="main" sx={{ flexGrow: 1, minWidth: 0, p: { xs: 2, sm: 3 } }}>
        <Toolbar />
        <Outlet />
      </Box>
    </Box>
  );
}
