import ChevronLeft from "@mui/icons-material/ChevronLeft";
import ChevronRight from "@mui/icons-material/ChevronRight";
import InsightsIcon from "@mui/icons-material/Insights";
import SecurityIcon from "@mui/icons-material/Security";
import { IconButton, Stack, Typography } from "@mui/material";
import type { ReactNode } from "react";
import {
  AppBar,
  LoadingIndicator,
  Logout,
  TitlePortal,
  UserMenu,
  useGetIdentity,
  useGetResourceLabel,
  useListContext,
  useLocation,
  useUserMenu,
} from "react-admin";
import { ANALYTICS_PATH } from "./analytics/links.tsx";
import { useT } from "./i18n/index.tsx";
import { LanguageSwitch, LocalizedMui, useLocaleEffects } from "./i18n/LanguageSwitch.tsx";
import { Layout, Menu, MenuItemLink } from "./layout-frame.tsx";
import { SECURITY_PATH } from "./staff/paths.ts";
import { staffRoleLabel } from "./staff/roles.ts";

/** Security (two-factor, recovery codes, password, other sessions), for every staff role. */
function SecurityItem() {
  const menu = useUserMenu();
  const t = useT();
  return (
    <MenuItemLink to={SECURITY_PATH} primaryText={t("security")} leftIcon={<SecurityIcon />} onClick={() => menu?.onClose()} />
  );
}

/** The account menu: the staff user's name and role (which it says to screen readers), Security, Log out. */
function StaffUserMenu() {
  const { identity } = useGetIdentity();
  const t = useT();
  return (
    <UserMenu label={identity ? `${identity.name} (${staffRoleLabel(String(identity.role))})` : t("account")}>
      <SecurityItem />
      <Logout />
    </UserMenu>
  );
}

// The page's title is its h1 (list pages had no heading at all); the language switch beside it.
const StaffAppBar = () => (
  <AppBar
    userMenu={<StaffUserMenu />}
    toolbar={
      <>
        <PageTitle />
        <LanguageSwitch />
        <LoadingIndicator />
      </>
    }
  >
    <TitlePortal component="h1" />
  </AppBar>
);

/** document.title in the active language: the screen's name (a resource, Analytics, Security) and the app's. */
function PageTitle() {
  const t = useT();
  const label = useGetResourceLabel();
  const { pathname } = useLocation();
  const first = pathname.split("/").filter(Boolean)[0] ?? "";
  const title =
    `/${first}` === ANALYTICS_PATH
      ? t("analytics")
      : pathname.startsWith(SECURITY_PATH)
        ? t("security")
        : first
          ? label(first, 2)
          : undefined;
  useLocaleEffects(title);
  return null;
}

/** The resources (each shown only to roles that may list it), with Analytics, open to every staff role, after Services. */
function StaffMenu() {
  const t = useT();
  return (
    <Menu>
      <Menu.ResourceItem name="applications" />
      <Menu.ResourceItem name="partners" />
      <Menu.ResourceItem name="services" />
      <Menu.Item to={ANALYTICS_PATH} primaryText={t("analytics")} leftIcon={<InsightsIcon />} />
      <Menu.ResourceItem name="incentive-programs" />
      <Menu.ResourceItem name="incentive-statements" />
      <Menu.ResourceItem name="incentive-disputes" />
      <Menu.ResourceItem name="audit-events" />
      <Menu.ResourceItem name="staff-users" />
    </Menu>
  );
}

export const StaffLayout = ({ children }: { children: ReactNode }) => (
  <LocalizedMui>
    <Layout appBar={StaffAppBar} menu={StaffMenu}>
      {children}
    </Layout>
  </LocalizedMui>
);

/**
 * Previous/next paging over the API's cursors. There is no total (the API does not count), so it
 * says which rows are shown and whether more follow, never "of N".
 */
export function CursorPagination() {
  const { page, perPage, data, hasNextPage, hasPreviousPage, setPage, isPending } = useListContext();
  const t = useT();
  if (isPending) return null;
  const count = data?.length ?? 0;
  // The list's own empty state speaks for an empty first page.
  if (count === 0 && page === 1) return null;
  const from = (page - 1) * perPage + 1;
  const to = (page - 1) * perPage + count;
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: "center", justifyContent: "flex-end", p: 1 }}
      aria-label={t("pages")}
      component="nav"
    >
      <Typography variant="body2" role="status">
        {count === 0 ? t("nothing_here") : t(hasNextPage ? "rows_more" : "rows", { from, to })}
      </Typography>
      <IconButton aria-label={t("previous_page")} disabled={!hasPreviousPage} onClick={() => setPage(page - 1)}>
        <ChevronLeft />
      </IconButton>
      <IconButton aria-label={t("next_page")} disabled={!hasNextPage} onClick={() => setPage(page + 1)}>
        <ChevronRight />
      </IconButton>
    </Stack>
  );
}
