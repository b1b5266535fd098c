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
import { formatDateTime, StatusChip } from "../format.tsx";
import { CLICKS_LABEL, ClickCount } from "./clicks.tsx";

function ServiceContent() {
  const s = useRecordContext<Service>();
  const createPath = useCreatePath();
  const { data: partner } = useGetOne<{ id: string; company_name: string }>(
    "partners",
    { id: s?.partner_id ?? "" },
    { enabled: !!s?.partner_id },
  );
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
          · {s.category_path.join(" › ")} · market {s.target_market} · {s.type.toLowerCase()} service · first published{" "}
          {formatDateTime(s.first_published_at)}
        </Typography>
        <Typography sx={{ whiteSpace: "pre-wrap" }}>{s.description}</Typography>
        <Typography>Contact: {s.contact_email}</Typography>
        <Card variant="outlined" component="section" aria-label="Referral links">
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              Referral links
            </Typography>
            {s.referral_links.length === 0 ? (
              <Typography color="text.secondary">No links until the service is first published.</Typography>
            ) : (
              <Table size="small" aria-label="Referral links">
                <TableHead>
                  <TableRow>
                    <TableCell>Audience</TableCell>
                    <TableCell>Link</TableCell>
                    <TableCell>Active</TableCell>
                    <TableCell>{CLICKS_LABEL}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {s.referral_links.map((l) => (
                    <TableRow key={l.id}>
                      <TableCell>{AUDIENCE_LABELS[l.audience as Audience]?.en ?? l.audience}</TableCell>
                      <TableCell sx={{ overflowWrap: "anywhere" }}>
                        <code>{l.url}</code>
                      </TableCell>
                      <TableCell>{l.active ? "Yes" : "No"}</TableCell>
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
  return (
    <Show
      title="Service"
      actions={
        <TopToolbar sx={{ justifyContent: "flex-start" }}>
          <ListButton label="All services" />
        </TopToolbar>
      }
    >
      <ServiceContent />
    </Show>
  );
}
