import Inbox from "@mui/icons-material/Inbox";
import { Box, Card, Typography } from "@mui/material";
import { styled } from "@mui/material/styles";
import type { ReactElement, ReactNode } from "react";
import {
  FilterButton,
  ListBase,
  type ListBaseProps,
  ListToolbar,
  Loading,
  Title,
  TopToolbar,
  useGetResourceLabel,
  useListContext,
  useResourceContext,
  useTranslate,
} from "react-admin";

type StaffListViewProps = {
  children: ReactNode;
  title?: ReactNode;
  filters?: ReactElement[];
  actions?: ReactElement | false;
  pagination: ReactElement;
  /** What shows when the list has no rows and no filter is set; false shows the list itself. */
  empty?: ReactElement | false;
};

export type StaffListProps = Omit<ListBaseProps, "children" | "render" | "empty" | "title"> & StaffListViewProps;

/**
 * react-admin's <List> as our lists use it (a title, the filter form and filter button, a card, our
 * cursor pager), on its ListBase. react-admin's ListView also imports its default pager, list actions
 * (create and export buttons) and empty page, which no list here shows: ~10 KB gzip less on every list.
 */
export function StaffList({ children, title, filters, actions, pagination, empty, ...controller }: StaffListProps) {
  return (
    <ListBase authLoading={<Loading />} {...controller}>
      <StaffListView title={title} filters={filters} actions={actions} pagination={pagination} empty={empty}>
        {children}
      </StaffListView>
    </ListBase>
  );
}

function StaffListView({ children, title, filters, actions, pagination, empty }: StaffListViewProps) {
  const { defaultTitle, data, error, isPending, filterValues, resource, total, hasNextPage, hasPreviousPage } = useListContext();
  const toolbar = actions === false ? null : (actions ?? (filters ? <TopToolbar>{<FilterButton />}</TopToolbar> : null));
  // As react-admin's ListView decides: loaded, nothing at all, no filter set.
  const showEmpty =
    empty !== false &&
    !error &&
    !isPending &&
    (total === 0 ||
      (total == null && hasPreviousPage === false && hasNextPage === false && (data as unknown[] | undefined)?.length === 0)) &&
    Object.keys(filterValues).length === 0;
  return (
    <ListRoot className="list-page">
      {title !== false && <Title title={title as string} defaultTitle={defaultTitle} preferenceKey={`${resource}.list.title`} />}
      {showEmpty ? (
        <div className="RaList-noResults">{empty ?? <ListEmpty />}</div>
      ) : (
        <div className={filters || toolbar ? "RaList-main" : "RaList-main RaList-noActions"}>
          {filters || toolbar ? (
            <ListToolbar className="RaList-actions" filters={filters} actions={toolbar ?? undefined} />
          ) : null}
          <Card className="RaList-content">{children}</Card>
          {pagination}
        </div>
      )}
    </ListRoot>
  );
}

// react-admin's ListView styles, under its name so the theme's RaList overrides apply.
const ListRoot = styled("div", { name: "RaList", overridesResolver: (_, styles) => styles.root })(({ theme }) => ({
  display: "flex",
  "& .RaList-main": { flex: "1 1 auto", display: "flex", flexDirection: "column" },
  "& .RaList-content": { position: "relative", overflow: "inherit", [theme.breakpoints.down("sm")]: { boxShadow: "none" } },
  "& .RaList-noActions": { marginTop: "1em" },
  "& .RaList-noResults": { flex: 1 },
}));

/** react-admin's empty page, same words (its translation keys), without its create button (no list here has one). */
function ListEmpty() {
  const resource = useResourceContext();
  const translate = useTranslate();
  const getResourceLabel = useGetResourceLabel();
  const name = translate(`resources.${resource}.forcedCaseName`, {
    smart_count: 0,
    _: resource ? getResourceLabel(resource, 0) : undefined,
  });
  return (
    <Box component="span" className="RaEmpty-root" sx={{ flex: 1 }}>
      <Box className="RaEmpty-message" sx={{ textAlign: "center", mx: "1em", color: "text.disabled" }}>
        <Inbox sx={{ width: "9em", height: "9em" }} />
        <Typography variant="h4" sx={{ mb: "16px" }}>
          {translate(`resources.${resource}.empty`, { _: translate("ra.page.empty", { name }) })}
        </Typography>
      </Box>
    </Box>
  );
}
