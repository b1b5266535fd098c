import {
  Button,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { formatDateTime } from "../format.tsx";
import { PartnerDrillDown, RecordLink } from "./links.tsx";
import { audienceLabel, Empty, ErrorState, formatCount, Loading, Section } from "./parts.tsx";
import { useConversions } from "./queries.ts";
import type { ResolvedRange } from "./range.ts";

const EVENT_LABELS: Record<string, string> = { "seller.registered": "Registered", "shop.approved": "Shop approved" };

/** One seller's type, in the singular ("Local sellers" is the audience, not the seller). */
const SELLER_TYPES: Record<string, string> = { LOCAL_SELLER: "Local seller", CROSS_BORDER_SELLER: "Cross-border seller" };
const LINKS: Record<string, string> = { LOCAL_SELLER: "Local sellers link", CROSS_BORDER_SELLER: "Cross-border sellers link" };
const OTHER: Record<string, string> = { LOCAL_SELLER: "CROSS_BORDER_SELLER", CROSS_BORDER_SELLER: "LOCAL_SELLER" };

/** The credited link's audience: the seller's own, or the other one when they used the wrong link. */
const linkAudience = (sellerType: string, wrongLink: boolean | null) =>
  wrongLink ? (OTHER[sellerType] ?? sellerType) : sellerType;

/**
 * Sellers' registrations and approvals in the range: those no partner's link can be credited with
 * (unattributed), or those credited to a partner. In a partner's drill-down only its own exist.
 */
export function Conversions({
  range,
  partnerNames,
  serviceNames,
}: {
  range: ResolvedRange;
  partnerNames: Map<string, string>;
  serviceNames: Map<string, string>;
}) {
  const drilled = range.partnerId !== undefined;
  const [picked, setPicked] = useState<"false" | "true">("false");
  const attributed = drilled ? "true" : picked;
  const query = useConversions({
    from: range.from,
    to: range.to,
    attributed,
    ...(range.partnerId ? { partner_id: range.partnerId } : {}),
  });
  // Newest first, whatever order the pages arrived in.
  const rows = (query.data?.pages.flatMap((p) => p.data) ?? []).sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
  const what = attributed === "true" ? "attributed conversion" : "unattributed conversion";
  const count = `${formatCount(rows.length)}${query.hasNextPage ? "+" : ""} ${what}${rows.length === 1 && !query.hasNextPage ? "" : "s"}`;

  return (
    <Section id="conversions" title={drilled ? "Sellers credited to this partner" : "Conversions"}>
      {drilled ? null : (
        <ToggleButtonGroup
          size="small"
          exclusive
          value={picked}
          onChange={(_, v: "true" | "false" | null) => v && setPicked(v)}
          aria-label="Which conversions"
          sx={{ mb: 1 }}
        >
          <ToggleButton value="false">Unattributed</ToggleButton>
          <ToggleButton value="true">Attributed</ToggleButton>
        </ToggleButtonGroup>
      )}
      {query.isError && rows.length === 0 ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Loading what="conversions" />
      ) : (
        <>
          <Typography role="status" sx={{ fontWeight: 600 }} data-testid="conversions-count">
            {count} in this range
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {attributed === "true"
              ? "Each seller is credited to the last partner link they clicked within 30 days before registering."
              : "No partner link was clicked within 30 days before these sellers registered (or the click is unknown)."}
          </Typography>
          {rows.length === 0 ? (
            <Empty>None.</Empty>
          ) : (
            <TableContainer sx={{ maxHeight: 480 }}>
              <Table
                size="small"
                stickyHeader
                aria-label={attributed === "true" ? "Attributed conversions" : "Unattributed conversions"}
              >
                <TableHead>
                  <TableRow>
                    <TableCell sortDirection="desc">When (newest first)</TableCell>
                    <TableCell>Event</TableCell>
                    <TableCell>Seller</TableCell>
                    <TableCell>Seller type</TableCell>
                    {attributed === "true" ? (
                      <>
                        {drilled ? null : <TableCell>Partner</TableCell>}
                        <TableCell>Service</TableCell>
                        <TableCell>Link</TableCell>
                      </>
                    ) : (
                      <TableCell>Click id or channel sent</TableCell>
                    )}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((c) => (
                    <TableRow key={c.id}>
                      <TableCell>{formatDateTime(c.occurred_at)}</TableCell>
                      <TableCell>{EVENT_LABELS[c.event_type] ?? c.event_type}</TableCell>
                      <TableCell>
                        <code>{c.seller_id}</code>
                      </TableCell>
                      <TableCell>{SELLER_TYPES[c.seller_type] ?? audienceLabel(c.seller_type)}</TableCell>
                      {attributed === "true" ? (
                        <>
                          {drilled ? null : (
                            <TableCell>
                              {c.partner_id ? (
                                <PartnerDrillDown partnerId={c.partner_id}>
                                  {partnerNames.get(c.partner_id) ?? "This partner"}
                                </PartnerDrillDown>
                              ) : (
                                "—"
                              )}
                            </TableCell>
                          )}
                          <TableCell>
                            {c.service_id ? (
                              <RecordLink resource="services" id={c.service_id}>
                                {serviceNames.get(c.service_id) ?? "Service"}
                              </RecordLink>
                            ) : (
                              "—"
                            )}
                          </TableCell>
                          <TableCell>
                            {c.link_id ? (LINKS[linkAudience(c.seller_type, c.wrong_link)] ?? "Link") : "—"}
                            {c.wrong_link ? (
                              <Chip
                                size="small"
                                variant="outlined"
                                color="warning"
                                label="Wrong link"
                                title="The seller registered through the link for the other audience"
                                sx={{ ml: 1 }}
                              />
                            ) : null}
                          </TableCell>
                        </>
                      ) : (
                        <TableCell>
                          <code>{c.click_id ?? c.channel ?? "none"}</code>
                        </TableCell>
                      )}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
          {query.hasNextPage ? (
            <Button size="small" sx={{ mt: 1 }} disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          ) : null}
        </>
      )}
    </Section>
  );
}
