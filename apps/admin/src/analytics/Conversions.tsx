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
import { auditActionLabel } from "@shopreg/domain";
import { useState } from "react";
import { formatDateTime } from "../format.tsx";
import { type UiWord, useLang, useT } from "../i18n/index.tsx";
import { PartnerDrillDown, RecordLink } from "./links.tsx";
import { audienceLabel, Empty, ErrorState, formatCount, Loading, Section } from "./parts.tsx";
import { useConversions } from "./queries.ts";
import type { ResolvedRange } from "./range.ts";

/** One seller's type, in the singular ("Local sellers" is the audience, not the seller). */
const SELLER_TYPES: Record<string, UiWord> = { LOCAL_SELLER: "local_seller", CROSS_BORDER_SELLER: "cross_border_seller" };
const LINKS: Record<string, UiWord> = { LOCAL_SELLER: "local_link", CROSS_BORDER_SELLER: "cross_border_link" };
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
  const t = useT();
  const lang = useLang();
  const sellerType = (type: string) => {
    const word = SELLER_TYPES[type];
    return word ? t(word) : audienceLabel(type);
  };
  const query = useConversions({
    from: range.from,
    to: range.to,
    attributed,
    ...(range.partnerId ? { partner_id: range.partnerId } : {}),
  });
  // Newest first, whatever order the pages arrived in.
  const rows = (query.data?.pages.flatMap((p) => p.data) ?? []).sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
  const one = rows.length === 1 && !query.hasNextPage;
  const n = `${formatCount(rows.length)}${query.hasNextPage ? "+" : ""}`;
  const count =
    attributed === "true"
      ? t(one ? "attributed_count_one" : "attributed_count", { count: n })
      : t(one ? "unattributed_count_one" : "unattributed_count", { count: n });

  return (
    <Section id="conversions" title={drilled ? t("credited_sellers") : t("conversions")}>
      {drilled ? null : (
        <ToggleButtonGroup
          size="small"
          exclusive
          value={picked}
          onChange={(_, v: "true" | "false" | null) => v && setPicked(v)}
          aria-label={t("which_conversions")}
          sx={{ mb: 1 }}
        >
          <ToggleButton value="false">{t("unattributed")}</ToggleButton>
          <ToggleButton value="true">{t("attributed")}</ToggleButton>
        </ToggleButtonGroup>
      )}
      {query.isError && rows.length === 0 ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Loading what={t("conversions")} />
      ) : (
        <>
          <Typography role="status" sx={{ fontWeight: 600 }} data-testid="conversions-count">
            {t("in_this_range", { count })}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {attributed === "true" ? t("attributed_explain") : t("unattributed_explain")}
          </Typography>
          {rows.length === 0 ? (
            <Empty>{t("none_found")}</Empty>
          ) : (
            <TableContainer sx={{ maxHeight: 480 }}>
              <Table
                size="small"
                stickyHeader
                aria-label={attributed === "true" ? t("attributed_conversions") : t("unattributed_conversions")}
              >
                <TableHead>
                  <TableRow>
                    <TableCell sortDirection="desc">{t("when_newest")}</TableCell>
                    <TableCell>{t("event")}</TableCell>
                    <TableCell>{t("seller")}</TableCell>
                    <TableCell>{t("seller_type")}</TableCell>
                    {attributed === "true" ? (
                      <>
                        {drilled ? null : <TableCell>{t("partner")}</TableCell>}
                        <TableCell>{t("service")}</TableCell>
                        <TableCell>{t("link")}</TableCell>
                      </>
                    ) : (
                      <TableCell>{t("click_or_channel")}</TableCell>
                    )}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((c) => (
                    <TableRow key={c.id}>
                      <TableCell>{formatDateTime(c.occurred_at)}</TableCell>
                      <TableCell>{auditActionLabel(c.event_type, lang)}</TableCell>
                      <TableCell>
                        <code>{c.seller_id}</code>
                      </TableCell>
                      <TableCell>{sellerType(c.seller_type)}</TableCell>
                      {attributed === "true" ? (
                        <>
                          {drilled ? null : (
                            <TableCell>
                              {c.partner_id ? (
                                <PartnerDrillDown partnerId={c.partner_id}>
                                  {partnerNames.get(c.partner_id) ?? t("this_partner")}
                                </PartnerDrillDown>
                              ) : (
                                "—"
                              )}
                            </TableCell>
                          )}
                          <TableCell>
                            {c.service_id ? (
                              <RecordLink resource="services" id={c.service_id}>
                                {serviceNames.get(c.service_id) ?? t("service")}
                              </RecordLink>
                            ) : (
                              "—"
                            )}
                          </TableCell>
                          <TableCell>
                            {c.link_id ? t(LINKS[linkAudience(c.seller_type, c.wrong_link)] ?? "link") : "—"}
                            {c.wrong_link ? (
                              <Chip
                                size="small"
                                variant="outlined"
                                color="warning"
                                label={t("wrong_link")}
                                title={t("wrong_link_title")}
                                sx={{ ml: 1 }}
                              />
                            ) : null}
                          </TableCell>
                        </>
                      ) : (
                        <TableCell>
                          <code>{c.click_id ?? c.channel ?? t("none")}</code>
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
              {query.isFetchingNextPage ? t("loading_more") : t("load_more")}
            </Button>
          ) : null}
        </>
      )}
    </Section>
  );
}
