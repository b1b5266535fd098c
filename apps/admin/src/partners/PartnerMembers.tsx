import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { visuallyHidden } from "@shopreg/analytics-ui/format";
import type { components } from "@shopreg/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCanAccess, useNotify, useRecordContext } from "react-admin";
import { client, data } from "../client.ts";
import { formatDateTime } from "../format.tsx";

type Member = components["schemas"]["MemberList"]["data"][number];

const ROLE_LABELS: Record<string, string> = { owner: "Owner", admin: "Admin", developer: "Developer", analyst: "Analyst" };

/**
 * A partner's members on its page. Disabling a user (admins: the API refuses reviewers too) ends
 * their sessions at once; enabling lets them sign in again.
 */
export function PartnerMembers() {
  const partner = useRecordContext<{ id: string }>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { canAccess: canToggle } = useCanAccess({ resource: "partner-members", action: "edit" });
  const key = ["partner-members", partner?.id];
  const members = useQuery({
    queryKey: key,
    queryFn: () => data(client.GET("/v1/staff/partners/{id}/members", { params: { path: { id: partner?.id ?? "" } } })),
    enabled: Boolean(partner?.id),
  });
  const toggle = useMutation({
    mutationFn: (m: Member) =>
      data(
        client.POST(
          m.disabled_at
            ? "/v1/staff/partners/{id}/members/{user_id}/enable"
            : "/v1/staff/partners/{id}/members/{user_id}/disable",
          {
            params: { path: { id: partner?.id ?? "", user_id: m.id } },
          },
        ),
      ),
    onSuccess: (m) => notify(`${m.email} ${m.disabled_at ? "disabled" : "enabled"}`, { type: "success" }),
    onError: (err) => notify(err instanceof Error ? err.message : "Not saved.", { type: "error" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  if (!partner) return null;
  return (
    <Card variant="outlined" component="section" aria-label="Members">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Members
        </Typography>
        {members.error ? (
          <Typography color="error">{members.error.message}</Typography>
        ) : !members.data ? (
          <Typography color="text.secondary">Loading the members…</Typography>
        ) : (
          <Table size="small" aria-label="Members">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Email</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Two-factor</TableCell>
                <TableCell>Last login</TableCell>
                <TableCell>Status</TableCell>
                {canToggle ? (
                  <TableCell>
                    <Box component="span" sx={visuallyHidden}>
                      Access
                    </Box>
                  </TableCell>
                ) : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {members.data.data.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>{m.name}</TableCell>
                  <TableCell>{m.email}</TableCell>
                  <TableCell>{ROLE_LABELS[m.role] ?? m.role}</TableCell>
                  <TableCell>{m.two_factor_enabled ? "On" : "Off"}</TableCell>
                  <TableCell>{formatDateTime(m.last_login_at)}</TableCell>
                  <TableCell>
                    {m.disabled_at ? (
                      <Chip size="small" color="error" label={`Disabled ${formatDateTime(m.disabled_at)}`} />
                    ) : (
                      <Chip size="small" label="Active" />
                    )}
                  </TableCell>
                  {canToggle ? (
                    <TableCell align="right">
                      <Button
                        size="small"
                        variant="outlined"
                        color={m.disabled_at ? "primary" : "error"}
                        disabled={toggle.isPending}
                        aria-label={`${m.disabled_at ? "Enable" : "Disable"} ${m.email}`}
                        onClick={() => toggle.mutate(m)}
                      >
                        {m.disabled_at ? "Enable" : "Disable"}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
