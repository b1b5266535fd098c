import { Link as MuiLink } from "@mui/material";
import type { ReactNode } from "react";
import { Link, useCreatePath, useLocation, useNavigate } from "react-admin";
import { type AnalyticsSearch, parseSearch, toSearch } from "./range.ts";

export const ANALYTICS_PATH = "/analytics";

/** The screen's state from its URL, and a setter that keeps the rest of it (the range survives a drill-down). */
export function useAnalyticsSearch(): [AnalyticsSearch, (patch: Partial<AnalyticsSearch>) => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const search = parseSearch(location.search);
  const set = (patch: Partial<AnalyticsSearch>) =>
    navigate({ pathname: ANALYTICS_PATH, search: toSearch({ ...search, ...patch }) });
  return [search, set];
}

/** The same dashboard narrowed to one partner, keeping the current range. */
export function PartnerDrillDown({ partnerId, children }: { partnerId: string; children: ReactNode }) {
  const location = useLocation();
  const current = location.pathname === ANALYTICS_PATH ? parseSearch(location.search) : {};
  return (
    <MuiLink component={Link} to={{ pathname: ANALYTICS_PATH, search: toSearch({ ...current, partner_id: partnerId }) }}>
      {children}
    </MuiLink>
  );
}

/** A link to a record's page in the dashboard. */
export function RecordLink({ resource, id, children }: { resource: string; id: string; children: ReactNode }) {
  const createPath = useCreatePath();
  return (
    <MuiLink component={Link} to={createPath({ resource, type: "show", id })}>
      {children}
    </MuiLink>
  );
}
