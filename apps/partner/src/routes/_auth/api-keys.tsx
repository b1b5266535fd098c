import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { visuallyHidden } from "@shopreg/analytics-ui/format";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { CopyButton } from "../../components/copy.tsx";
import { FormField } from "../../components/fields.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { type ApiKey, type ApiKeyCreated, client, data } from "../../lib/api.ts";
import { useApiErrors } from "../../lib/errors.ts";
import { formatDate, useI18n } from "../../lib/i18n.tsx";
import { apiKeysQuery } from "../../lib/queries.ts";

export const Route = createFileRoute("/_auth/api-keys")({
  loader: ({ context }) => context.queryClient.ensureQueryData(apiKeysQuery),
  pendingComponent: LoadingState,
  errorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  component: ApiKeysPage,
});

function ApiKeysPage() {
  const { t, lang } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const queryClient = useQueryClient();
  const { data: keys } = useSuspenseQuery(apiKeysQuery);
  const [name, setName] = useState("");
  // The secret lives only in this state: closing the dialog forgets it for good.
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const create = useMutation({
    mutationFn: () => data(client.POST("/v1/api-keys", { body: { name } })),
    onSuccess: async (key) => {
      setCreated(key);
      setName("");
      await queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => data(client.DELETE("/v1/api-keys/{id}", { params: { path: { id } } })),
    onSuccess: async () => {
      setRevoking(null);
      await queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey });
    },
  });
  const fields = fieldErrors(create.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Stack spacing={2} sx={{ maxWidth: 1080 }}>
      <Typography variant="h1">{t("keys.title")}</Typography>
      <Typography color="text.secondary">{t("keys.intro")}</Typography>
      <Paper component="form" onSubmit={onSubmit} noValidate sx={{ p: 2 }}>
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1.5} sx={{ alignItems: { sm: "flex-start" } }}>
          <FormField
            id="api-key-name"
            label={t("keys.name")}
            value={name}
            onChange={setName}
            error={fields.name}
            size="small"
            sx={{ flexGrow: 1 }}
            slotProps={{ htmlInput: { maxLength: 100 } }}
          />
          <Button type="submit" variant="contained" disabled={create.isPending}>
            {t("keys.create")}
          </Button>
        </Stack>
        {create.error && !fields.name ? (
          <Alert severity="error" sx={{ mt: 1.5 }}>
            {errorText(create.error)}
          </Alert>
        ) : null}
      </Paper>
      {keys.data.length === 0 ? (
        <EmptyState title={t("keys.empty")} />
      ) : (
        <TableContainer component={Paper}>
          <Table aria-label={t("keys.title")} size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t("keys.name")}</TableCell>
                <TableCell>{t("keys.prefix")}</TableCell>
                <TableCell sx={{ display: { xs: "none", lg: "table-cell" } }}>{t("keys.scopes")}</TableCell>
                <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{t("keys.created")}</TableCell>
                <TableCell>{t("keys.lastUsed")}</TableCell>
                <TableCell>{t("keys.status")}</TableCell>
                <TableCell>
                  <Box component="span" sx={visuallyHidden}>
                    {t("members.actions")}
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {keys.data.map((k) => (
                <TableRow key={k.id}>
                  <TableCell sx={{ fontWeight: 600 }}>{k.name}</TableCell>
                  <TableCell sx={{ fontFamily: "monospace" }}>{k.prefix}…</TableCell>
                  <TableCell sx={{ display: { xs: "none", lg: "table-cell" } }}>{k.scopes.join(", ")}</TableCell>
                  <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{formatDate(k.created_at, lang)}</TableCell>
                  <TableCell>{k.last_used_at ? formatDate(k.last_used_at, lang) : t("common.never")}</TableCell>
                  <TableCell>
                    {k.revoked_at ? (
                      <Chip size="small" label={t("keys.revoked")} sx={{ bgcolor: "#ffebee", color: "#b71c1c" }} />
                    ) : (
                      <Chip size="small" label={t("keys.active")} sx={{ bgcolor: "#e8f5e9", color: "#1b5e20" }} />
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {k.revoked_at ? null : (
                      <Button
                        color="error"
                        size="small"
                        onClick={() => setRevoking(k)}
                        aria-label={`${t("keys.revoke")} ${k.name}`}
                      >
                        {t("keys.revoke")}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <Dialog open={created !== null} aria-labelledby="secret-title" fullWidth maxWidth="sm">
        <DialogTitle id="secret-title">{t("keys.secretTitle")}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t("keys.secretBody")}</DialogContentText>
          <Box
            data-testid="api-key-secret"
            sx={{ fontFamily: "monospace", p: 1.5, bgcolor: "grey.100", borderRadius: 1, wordBreak: "break-all", mb: 1.5 }}
          >
            {created?.secret}
          </Box>
          {created ? <CopyButton text={created.secret} variant="contained" /> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setCreated(null)}>{t("keys.done")}</Button>
        </DialogActions>
      </Dialog>
      <ConfirmDialog
        open={revoking !== null}
        title={t("keys.revokeTitle")}
        body={t("keys.revokeBody", { name: revoking?.name ?? "" })}
        confirmLabel={t("keys.revoke")}
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
}
