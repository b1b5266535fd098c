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
import { MEMBER_ROLE_WORDS } from "@shopreg/domain";
import type { components } from "@shopreg/sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCanAccess, useNotify, useRecordContext } from "react-admin";
import { client, data } from "../client.ts";
import { formatDateTime } from "../format.tsx";
import { errorWords } from "../i18n/errors.ts";
import { useLang, useT } from "../i18n/index.tsx";

const isMemberRole = (r: string): r is keyof typeof MEMBER_ROLE_WORDS => Object.hasOwn(MEMBER_ROLE_WORDS, r);

type Member = components["schemas"]["MemberList"]["data"][number];

/**
 * A partner's members on its page. Disabling a user (admins: the API refuses reviewers too) ends
 * their sessions at once; enabling lets them sign in again.
 */
export function PartnerMembers() {
  const partner = useRecordContext<{ id: string }>();
  const notify = useNotify();
  const t = useT();
  const lang = useLang();
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
    onSuccess: (m) => notify(t(m.disabled_at ? "member_disabled" : "member_enabled", { email: m.email }), { type: "success" }),
    onError: (err) => notify(errorWords(err), { type: "error" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  if (!partner) return null;
  return (
    <Card variant="outlined" component="section" aria-label={t("members")}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t("members")}
        </Typography>
        {members.error ? (
          <Typography color="error">{errorWords(members.error)}</Typography>
        ) : !members.data ? (
          <Typography color="text.secondary">{t("loading_members")}</Typography>
        ) : (
          <Table size="small" aria-label={t("members")}>
            <TableHead>
              <TableRow>
                <TableCell>{t("name")}</TableCell>
                <TableCell>{t("email")}</TableCell>
                <TableCell>{t("role")}</TableCell>
                <TableCell>{t("two_factor")}</TableCell>
                <TableCell>{t("last_login")}</TableCell>
                <TableCell>{t("status")}</TableCell>
                {canToggle ? (
                  <TableCell>
                    <Box component="span" sx={visuallyHidden}>
                      {t("access")}
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
                  <TableCell>{isMemberRole(m.role) ? MEMBER_ROLE_WORDS[m.role][lang] : m.role}</TableCell>
                  <TableCell>{m.two_factor_enabled ? t("on") : t("off")}</TableCell>
                  <TableCell>{formatDateTime(m.last_login_at)}</TableCell>
                  <TableCell>
                    {m.disabled_at ? (
                      <Chip size="small" color="error" label={t("disabled_at", { when: formatDateTime(m.disabled_at) })} />
                    ) : (
                      <Chip size="small" label={t("active")} />
                    )}
                  </TableCell>
                  {canToggle ? (
                    <TableCell align="right">
                      <Button
                        size="small"
                        variant="outlined"
                        color={m.disabled_at ? "primary" : "error"}
                        disabled={toggle.isPending}
                        aria-label={t(m.disabled_at ? "enable_who" : "disable_who", { email: m.email })}
                        onClick={() => toggle.mutate(m)}
                      >
                        {m.disabled_at ? t("enable") : t("disable")}
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
