import ChevronLeft from "@mui/icons-material/ChevronLeft";
import ChevronRight from "@mui/icons-material/ChevronRight";
import InsightsIcon from "@mui/icons-material/Insights";
import SecurityIcon from "@mui/icons-material/Security";
import { IconButton, Stack, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { AppBar, Logout, TitlePortal, UserMenu, useGetIdentity, useListContext, useUserMenu } from "react-admin";
import { ANALYTICS_PATH } from "./analytics/links.tsx";
import { Layout, Menu, MenuItemLink } from "./layout-frame.tsx";
import { SECURITY_PATH } from "./staff/paths.ts";

/** Security (two-factor, recovery codes, password, other sessions), for every staff role. */
function SecurityItem() {
  const menu = useUserMenu();
  return <MenuItemLink to={SECURITY_PATH} primaryText="Security" leftIcon={<SecurityIcon />} onClick={() => menu?.onClose()} />;
}

/** The account menu: the staff user's name and role (which it says to screen readers), Security, Log out. */
function StaffUserMenu() {
  const { identity } = useGetIdentity();
  return (
    <UserMenu label={identity?.fullName ?? "Account"}>
      <SecurityItem />
      <Logout />
    </UserMenu>
  );
}

// The page's title is its h1 (list pages had no heading at all).
const StaffAppBar = () => (
  <AppBar userMenu={<StaffUserMenu />}>
    <TitlePortal component="h1" />
  </AppBar>
);

/** The resources (each shown only to roles that may list it), with Analytics, open to every staff role, after Services. */
const StaffMenu = () => (
  <Menu>
    <Menu.ResourceItem name="applications" />
    <Menu.ResourceItem name="partners" />
    <Menu.ResourceItem name="services" />
    <Menu.Item to={ANALYTICS_PATH} primaryText="Analytics" leftIcon={<InsightsIcon />} />
    <Menu.ResourceItem name="incentive-programs" />
    <Menu.ResourceItem name="incentive-statements" />
    <Menu.ResourceItem name="incentive-disputes" />
    <Menu.ResourceItem name="audit-events" />
    <Menu.ResourceItem name="staff-users" />
  </Menu>
);

export const StaffLayout = ({ children }: { children: ReactNode }) => (
  <Layout appBar={StaffAppBar} menu={StaffMenu}>
    {children}
  </Layout>
);

/**
 * Previous/next paging over the API's cursors. There is no total (the API does not count), so it
 * says which rows are shown and whether more follow, never "of N".
 */
export function CursorPagination() {
  const { page, perPage, data, hasNextPage, hasPreviousPage, setPage, isPending } = useListContext();
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
      aria-label="Pages"
      component="nav"
    >
      <Typography variant="body2" role="status">
        {count === 0 ? "Nothing here." : `Rows ${from}–${to}${hasNextPage ? "; more on the next page" : ""}`}
      </Typography>
      <IconButton aria-label="Previous page" disabled={!hasPreviousPage} onClick={() => setPage(page - 1)}>
        <ChevronLeft />
      </IconButton>
      <IconButton aria-label="Next page" disabled={!hasNextPage} onClick={() => setPage(page + 1)}>
        <ChevronRight />
      </IconButton>
    </Stack>
  );
}
