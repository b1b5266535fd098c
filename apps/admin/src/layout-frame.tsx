import ViewListIcon from "@mui/icons-material/ViewList";
import { ListItemIcon, MenuItem, MenuList, Tooltip, Typography, useMediaQuery } from "@mui/material";
import { styled, type Theme } from "@mui/material/styles";
import {
  type ComponentType,
  createElement,
  forwardRef,
  lazy,
  type ReactElement,
  type ReactNode,
  Suspense,
  useCallback,
  useState,
} from "react";
import {
  AppBar as DefaultAppBar,
  LinkBase,
  Loading,
  Sidebar,
  SkipNavigationButton,
  useBasename,
  useCanAccess,
  useCreatePath,
  useGetResourceLabel,
  useMatch,
  useResourceDefinitions,
  useSidebarState,
  useTranslate,
} from "react-admin";
import { ErrorBoundary } from "react-error-boundary";

// react-admin's error page, loaded when a page fails (see admin-pages.ts).
const ErrorPage = lazy(() => import("./admin-pages.ts").then((m) => ({ default: m.Error })));

/*
 * react-admin's Layout, Menu and MenuItemLink as this dashboard uses them: the same markup, classes and
 * behaviour, without the preferences inspector (Layout), keyboard shortcuts on menu items (MenuItemLink,
 * react-hotkeys-hook) and the dashboard item, none of which is used here. Smaller first load.
 */

const LAYOUT = "RaLayout";
const LayoutRoot = styled("div", { name: LAYOUT, overridesResolver: (_, styles) => styles.root })(({ theme }) => ({
  display: "flex",
  flexDirection: "column",
  zIndex: 1,
  minHeight: "100vh",
  backgroundColor: (theme.vars || theme).palette.background.default,
  position: "relative",
  minWidth: "fit-content",
  width: "100%",
  [`& .${LAYOUT}-appFrame`]: {
    display: "flex",
    flexDirection: "column",
    flexGrow: 1,
    marginTop: theme.spacing(6),
    [theme.breakpoints.down("sm")]: { marginTop: theme.spacing(7) },
  },
  [`& .${LAYOUT}-contentWithSidebar`]: {
    display: "flex",
    flexGrow: 1,
    transition: theme.transitions.create("margin", {
      easing: theme.transitions.easing.easeOut,
      duration: theme.transitions.duration.enteringScreen,
    }),
  },
  [`& .${LAYOUT}-content`]: {
    backgroundColor: (theme.vars || theme).palette.background.default,
    zIndex: 2,
    display: "flex",
    flexDirection: "column",
    flexGrow: 1,
    flexBasis: 0,
    padding: 0,
    [theme.breakpoints.up("xs")]: { paddingRight: theme.spacing(1), paddingLeft: theme.spacing(1) },
  },
}));

export function Layout({
  appBar: AppBar = DefaultAppBar,
  menu: Nav = Menu,
  children,
}: {
  appBar?: ComponentType;
  menu?: ComponentType;
  children: ReactNode;
}) {
  return (
    <LayoutRoot className="layout">
      <SkipNavigationButton />
      <div className={`${LAYOUT}-appFrame`}>
        <AppBar />
        <main className={`${LAYOUT}-contentWithSidebar`}>
          <Sidebar>
            <Nav />
          </Sidebar>
          <div id="main-content" className={`${LAYOUT}-content`}>
            <PageErrorBoundary>
              <Suspense fallback={<Loading />}>{children}</Suspense>
            </PageErrorBoundary>
          </div>
        </main>
      </div>
    </LayoutRoot>
  );
}

function PageErrorBoundary({ children }: { children: ReactNode }) {
  const [errorInfo, setErrorInfo] = useState<{ componentStack?: string | null }>();
  return (
    <ErrorBoundary
      onError={(_, info) => setErrorInfo(info)}
      fallbackRender={({ error, resetErrorBoundary }) => (
        <Suspense fallback={<Loading />}>
          <ErrorPage error={error} errorInfo={errorInfo as never} resetErrorBoundary={resetErrorBoundary} />
        </Suspense>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}

const MENU = "RaMenu";
const MenuRoot = styled(MenuList, { name: MENU, overridesResolver: (_, styles) => styles.root })(({ theme }) => ({
  display: "flex",
  flexDirection: "column",
  justifyContent: "flex-start",
  [theme.breakpoints.only("xs")]: { marginTop: 0 },
  transition: theme.transitions.create("width", {
    easing: theme.transitions.easing.sharp,
    duration: theme.transitions.duration.leavingScreen,
  }),
  // react-admin's DRAWER_WIDTH and CLOSED_DRAWER_WIDTH
  [`&.${MENU}-open`]: { width: 240 },
  // Closed, only the icons show: the names (which start at 56 px) are clipped, not peeking out.
  [`&.${MENU}-closed`]: { width: 55, overflowX: "hidden" },
}));

/** The side menu; its items are given as children. */
export function Menu({ children }: { children?: ReactNode }) {
  const [open] = useSidebarState();
  return <MenuRoot className={open ? `${MENU}-open` : `${MENU}-closed`}>{children}</MenuRoot>;
}

const ITEM = "RaMenuItemLink";
const StyledMenuItem = styled(MenuItem, { name: ITEM, overridesResolver: (_, styles) => styles.root })(({ theme }) => ({
  color: (theme.vars || theme).palette.text.secondary,
  [`& .${ITEM}-icon`]: { color: (theme.vars || theme).palette.text.secondary, minWidth: theme.spacing(5) },
  [`&.${ITEM}-active`]: { color: (theme.vars || theme).palette.text.primary },
  [`.MuiList-dense > & > .${ITEM}-icon`]: { minWidth: theme.spacing(3.5) },
}));

const LinkRef = forwardRef<HTMLAnchorElement, { to: string }>((props, ref) => <LinkBase ref={ref} {...props} />);

type MenuItemLinkProps = {
  to: string;
  primaryText: ReactNode;
  leftIcon?: ReactElement;
  onClick?: () => void;
  state?: unknown;
};

/** A menu entry linking to a page; marked active on that page; its name shows as a tooltip when the sidebar is closed. */
export const MenuItemLink = forwardRef<HTMLLIElement, MenuItemLinkProps>(({ to, primaryText, leftIcon, onClick, state }, ref) => {
  const isSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down("md"));
  const translate = useTranslate();
  const basename = useBasename();
  const [open, setOpen] = useSidebarState();
  const onTap = useCallback(() => {
    if (isSmall) setOpen(false);
    onClick?.();
  }, [setOpen, isSmall, onClick]);
  const match = useMatch({ path: to, end: to === `${basename}/` });
  const text = typeof primaryText === "string" ? translate(primaryText, { _: primaryText }) : primaryText;
  const item = (
    <StyledMenuItem
      ref={ref}
      className={match ? `${ITEM}-root ${ITEM}-active` : `${ITEM}-root`}
      // @ts-expect-error MUI's `component` prop passes `to` and `state` on to the router link
      component={LinkRef}
      to={to}
      state={state}
      tabIndex={0}
      onClick={onTap}
    >
      {leftIcon && <ListItemIcon className={`${ITEM}-icon`}>{leftIcon}</ListItemIcon>}
      <Typography variant="inherit" noWrap sx={{ flexGrow: 1 }}>
        {text}
      </Typography>
    </StyledMenuItem>
  );
  return open ? (
    item
  ) : (
    <Tooltip title={text} placement="right">
      {item}
    </Tooltip>
  );
});

/** A resource's list, for the roles that may list it (react-admin's Menu.ResourceItem). */
function ResourceItem({ name }: { name: string }) {
  const resources = useResourceDefinitions();
  const { canAccess, error, isPending } = useCanAccess({ action: "list", resource: name });
  const getResourceLabel = useGetResourceLabel();
  const createPath = useCreatePath();
  const resource = resources?.[name];
  if (!resource || isPending || canAccess === false || error != null) return null;
  return (
    <MenuItemLink
      to={createPath({ resource: name, type: "list" })}
      state={{ _scrollToTop: true }}
      primaryText={getResourceLabel(name, 2)}
      leftIcon={resource.icon ? createElement(resource.icon) : <ViewListIcon />}
    />
  );
}

Menu.Item = MenuItemLink;
Menu.ResourceItem = ResourceItem;
