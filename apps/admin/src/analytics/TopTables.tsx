import { Button, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from "@mui/material";
import { type ReactNode, useState } from "react";
import { type T, useT } from "../i18n/index.tsx";
import { PartnerDrillDown, RecordLink } from "./links.tsx";
import { Empty, formatCount, formatRate } from "./parts.tsx";
import type { FunnelRow } from "./queries.ts";

export const TOP_SHOWN = 10;

const countColumns = (t: T): [string, (r: FunnelRow) => ReactNode][] => [
  [t("clicks"), (r) => formatCount(r.clicks)],
  [t("unique_clicks"), (r) => formatCount(r.unique_clicks)],
  [t("registrations"), (r) => formatCount(r.registrations)],
  [t("approved_shops"), (r) => formatCount(r.approved_shops)],
  [t("registrations_per_click"), (r) => formatRate(r.registrations, r.unique_clicks)],
];

/** Rows with their counts; the first ten, then all on request. */
export function CountsTable({
  label,
  rows,
  columns,
  empty,
}: {
  label: string;
  rows: FunnelRow[];
  columns: [string, (r: FunnelRow) => ReactNode][];
  empty: string;
}) {
  const [all, setAll] = useState(false);
  const t = useT();
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  const shown = all ? rows : rows.slice(0, TOP_SHOWN);
  const cols = [...columns, ...countColumns(t)];
  return (
    <>
      <TableContainer>
        <Table size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              {cols.map(([h], i) => (
                <TableCell key={h} align={i < columns.length ? "left" : "right"}>
                  {h}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((r) => (
              <TableRow key={r.key ?? "none"}>
                {cols.map(([h, cell], i) => (
                  <TableCell key={h} align={i < columns.length ? "left" : "right"}>
                    {cell(r)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {rows.length > TOP_SHOWN ? (
        <Button size="small" onClick={() => setAll(!all)} sx={{ mt: 1 }}>
          {all ? t("show_top", { n: TOP_SHOWN }) : t("show_all", { n: rows.length })}
        </Button>
      ) : null}
    </>
  );
}

const serviceName = (r: FunnelRow, t: T) => r.label?.split(" · ")[0] ?? t("deleted_service");

/** Services by registrations, then clicks, with their partner (a drill-down link unless already drilled in). */
export function TopServices({
  rows,
  partnerNames,
  drilled,
}: {
  rows: FunnelRow[];
  partnerNames: Map<string, string>;
  drilled: boolean;
}) {
  const t = useT();
  return (
    <CountsTable
      label={t("top_services")}
      rows={rows}
      empty={t("no_top_services")}
      columns={[
        [
          t("service"),
          (r) =>
            r.service_id ? (
              <RecordLink resource="services" id={r.service_id}>
                {serviceName(r, t)}
              </RecordLink>
            ) : (
              serviceName(r, t)
            ),
        ],
        ...(drilled
          ? []
          : ([
              [
                t("partner"),
                (r: FunnelRow) =>
                  r.partner_id ? (
                    <PartnerDrillDown partnerId={r.partner_id}>
                      {partnerNames.get(r.partner_id) ?? t("this_partner")}
                    </PartnerDrillDown>
                  ) : (
                    "—"
                  ),
              ],
            ] as [string, (r: FunnelRow) => ReactNode][])),
      ]}
    />
  );
}
