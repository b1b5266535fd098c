import {
  Box,
  Card,
  CardContent,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { AUDIENCE_LABELS, type Audience } from "@shopreg/domain";
import { Link, ListButton, Show, TopToolbar, useCreatePath, useGetOne, useRecordContext } from "react-admin";
import type { Service } from "../api-types.ts";
import { categoryPath, formatDateTime, StatusChip } from "../format.tsx";
import { useLang, useT } from "../i18n/index.tsx";
import { ClickCount } from "./clicks.tsx";

function ServiceContent() {
  const s = useRecordContext<Service>();
  const createPath = useCreatePath();
  const { data: partner } = useGetOne<{ id: string; company_name: string }>(
    "partners",
    { id: s?.partner_id ?? "" },
    { enabled: !!s?.partner_id },
  );
  const t = useT();
  const lang = useLang();
  if (!s) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Stack spacing={2}>
        <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
          <Typography variant="h5" component="h1">
            {s.name}
          </Typography>
          <StatusChip status={s.status} kind="service" />
        </Stack>
        <Typography color="text.secondary">
          {partner ? (
            <MuiLink component={Link} to={createPath({ resource: "partners", type: "show", id: s.partner_id })}>
              {partner.company_name}
            </MuiLink>
          ) : (
            "…"
          )}{" "}
          ·{" "}
          {t("service_summary", {
            path: categoryPath(s.category_id),
            market: s.target_market,
            type: t(s.type === "PUBLIC" ? "service_type_public" : "service_type_custom"),
            published: formatDateTime(s.first_published_at),
          })}
        </Typography>
        <Typography sx={{ whiteSpace: "pre-wrap" }} translate="no">
          {s.description}
        </Typography>
        <Typography>{t("contact_is", { email: s.contact_email })}</Typography>
        <Card variant="outlined" component="section" aria-label={t("referral_links")}>
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              {t("referral_links")}
            </Typography>
            {s.referral_links.length === 0 ? (
              <Typography color="text.secondary">{t("no_links_yet")}</Typography>
            ) : (
              <Table size="small" aria-label={t("referral_links")}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t("audience")}</TableCell>
                    <TableCell>{t("link")}</TableCell>
                    <TableCell>{t("active")}</TableCell>
                    <TableCell>{t("clicks_30_days")}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {s.referral_links.map((l) => (
                    <TableRow key={l.id}>
                      <TableCell>{AUDIENCE_LABELS[l.audience as Audience]?.[lang] ?? l.audience}</TableCell>
                      <TableCell sx={{ overflowWrap: "anywhere" }}>
                        <code>{l.url}</code>
                      </TableCell>
                      <TableCell>{l.active ? t("yes") : t("no")}</TableCell>
                      <TableCell>
                        <ClickCount id={l.id} groupBy="link" serviceId={s.id} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </Stack>
    </Box>
  );
}

export function ServiceShow() {
  const t = useT();
  return (
    <Show
      title={t("service")}
      actions={
        <TopToolbar sx={{ justifyContent: "flex-start" }}>
          <ListButton label={t("all_services")} />
        </TopToolbar>
      }
    >
      <ServiceContent />
    </Show>
  );
}
