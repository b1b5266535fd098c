import { Button, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from "@mui/material";
import { type ReactNode, useState } from "react";
import { PartnerDrillDown, RecordLink } from "./links.tsx";
import { Empty, formatCount, formatRate } from "./parts.tsx";
import type { FunnelRow } from "./queries.ts";

export const TOP_SHOWN = 10;

const COUNT_COLUMNS: [string, (r: FunnelRow) => ReactNode][] = [
  ["Clicks", (r) => formatCount(r.clicks)],
  ["Unique clicks", (r) => formatCount(r.unique_clicks)],
  ["Registrations", (r) => formatCount(r.registrations)],
  ["Approved shops", (r) => formatCount(r.approved_shops)],
  ["Registrations per unique click", (r) => formatRate(r.registrations, r.unique_clicks)],
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
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  const shown = all ? rows : rows.slice(0, TOP_SHOWN);
  const cols = [...columns, ...COUNT_COLUMNS];
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
          {all ? `Show the top ${TOP_SHOWN}` : `Show all ${rows.length}`}
        </Button>
      ) : null}
    </>
  );
}

const serviceName = (r: FunnelRow) => r.label?.split(" · ")[0] ?? "Deleted service";

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
  return (
    <CountsTable
      label="Top services"
      rows={rows}
      empty="No service had clicks or registrations in this range."
      columns={[
        [
          "Service",
          (r) =>
            r.service_id ? (
              <RecordLink resource="services" id={r.service_id}>
                {serviceName(r)}
              </RecordLink>
            ) : (
              serviceName(r)
            ),
        ],
        ...(drilled
          ? []
          : ([
              [
                "Partner",
                (r: FunnelRow) =>
                  r.partner_id ? (
                    <PartnerDrillDown partnerId={r.partner_id}>
                      {partnerNames.get(r.partner_id) ?? "This partner"}
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
