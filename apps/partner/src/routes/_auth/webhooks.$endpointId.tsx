import DeleteIcon from "@mui/icons-material/DeleteOutline";
import EditIcon from "@mui/icons-material/EditOutlined";
import KeyIcon from "@mui/icons-material/Key";
import SendIcon from "@mui/icons-material/Send";
import { Alert, Box, Button, Chip, FormControlLabel, Paper, Stack, Switch, Typography } from "@mui/material";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { TextLink } from "../../components/links.tsx";
import { LoadingState } from "../../components/states.tsx";
import { type WebhookEndpoint, webhookEndpointQuery, webhookEndpointsQuery } from "../../components/webhooks/api.ts";
import { DeliveryLog } from "../../components/webhooks/DeliveryLog.tsx";
import { EnabledChip } from "../../components/webhooks/EnabledChip.tsx";
import { EndpointDialog, type EndpointInput } from "../../components/webhooks/EndpointDialog.tsx";
import { RouteError } from "../../components/webhooks/RouteError.tsx";
import { SecretDialog } from "../../components/webhooks/SecretDialog.tsx";
import { client, data } from "../../lib/api.ts";
import { useApiErrors } from "../../lib/errors.ts";
import { formatDate, type MessageKey, useI18n } from "../../lib/i18n.tsx";

export const Route = createFileRoute("/_auth/webhooks/$endpointId")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(webhookEndpointQuery(params.endpointId)),
  pendingComponent: LoadingState,
  errorComponent: RouteError,
  component: EndpointPage,
});

type Dialog = "edit" | "rotate" | "delete" | null;

function EndpointPage() {
  const { t, lang } = useI18n();
  const { errorText } = useApiErrors();
  const { endpointId } = Route.useParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { data: endpoint } = useSuspenseQuery(webhookEndpointQuery(endpointId));
  const [dialog, setDialog] = useState<Dialog>(null);
  const [secret, setSecret] = useState<string | null>(null);
  // A message key, not its text: a notice follows a change of language.
  const [notice, setNotice] = useState<MessageKey | null>(null);

  const saved = async (e: WebhookEndpoint) => {
    queryClient.setQueryData(webhookEndpointQuery(endpointId).queryKey, e);
    await queryClient.invalidateQueries({ queryKey: webhookEndpointsQuery.queryKey, exact: true });
  };
  const update = useMutation({
    mutationFn: (body: Partial<EndpointInput> & { enabled?: boolean }) =>
      data(client.PATCH("/v1/webhook-endpoints/{id}", { params: { path: { id: endpointId } }, body })),
    onSuccess: async (e) => {
      setDialog(null);
      await saved(e);
    },
  });
  const rotate = useMutation({
    mutationFn: () => data(client.POST("/v1/webhook-endpoints/{id}/rotate-secret", { params: { path: { id: endpointId } } })),
    onSuccess: async (e) => {
      setDialog(null);
      setSecret(e.secret);
      const { secret: _shownOnce, ...rest } = e;
      await saved(rest);
    },
  });
  const remove = useMutation({
    mutationFn: () => data(client.DELETE("/v1/webhook-endpoints/{id}", { params: { path: { id: endpointId } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ["webhook-endpoints", endpointId] });
      await queryClient.invalidateQueries({ queryKey: webhookEndpointsQuery.queryKey, exact: true });
      await navigate({ to: "/webhooks" });
    },
  });
  const test = useMutation({
    mutationFn: () => data(client.POST("/v1/webhook-endpoints/{id}/test", { params: { path: { id: endpointId } } })),
    onSuccess: async () => {
      setNotice("webhooks.testSent");
      await queryClient.invalidateQueries({ queryKey: ["webhook-endpoints", endpointId, "deliveries"] });
    },
  });
  const open = (d: Dialog) => {
    update.reset();
    rotate.reset();
    remove.reset();
    setDialog(d);
  };
  const actionError = (update.error && dialog === null ? update.error : null) ?? test.error;

  return (
    <Stack spacing={2} sx={{ maxWidth: 1080 }}>
      <TextLink to="/webhooks" variant="body2">
        ← {t("webhooks.title")}
      </TextLink>
      <Paper sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 1 }}>
            <Typography variant="h1" sx={{ wordBreak: "break-all", fontSize: { xs: 20, sm: 24 } }}>
              {endpoint.url}
            </Typography>
            <EnabledChip enabled={endpoint.enabled} />
          </Stack>
          {endpoint.description ? <Typography color="text.secondary">{endpoint.description}</Typography> : null}
          {!endpoint.enabled && endpoint.disabled_reason ? (
            <Alert severity="warning">{t("webhooks.disabledReason", { reason: endpoint.disabled_reason })}</Alert>
          ) : null}
          <Box>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
              {t("webhooks.events")}
            </Typography>
            {endpoint.event_types.length === 0 ? (
              <Chip size="small" label={t("webhooks.allEvents")} />
            ) : (
              <Stack direction="row" sx={{ flexWrap: "wrap", gap: 0.75 }}>
                {endpoint.event_types.map((type) => (
                  <Chip key={type} size="small" variant="outlined" label={type} sx={{ fontFamily: "monospace" }} />
                ))}
              </Stack>
            )}
          </Box>
          <Typography variant="body2" color="text.secondary">
            {t("keys.created")}: {formatDate(endpoint.created_at, lang)}
            {endpoint.previous_secret_expires_at
              ? ` · ${t("webhooks.previousSecretUntil", { time: formatDate(endpoint.previous_secret_expires_at, lang) })}`
              : ""}
          </Typography>
          <Stack direction="row" sx={{ flexWrap: "wrap", gap: 1, alignItems: "center" }}>
            <FormControlLabel
              control={
                <Switch
                  checked={endpoint.enabled}
                  disabled={update.isPending}
                  onChange={(e) => update.mutate({ enabled: e.target.checked })}
                />
              }
              label={t("webhooks.enabledSwitch")}
            />
            <Button
              variant="contained"
              startIcon={<SendIcon />}
              onClick={() => test.mutate()}
              disabled={test.isPending || !endpoint.enabled}
            >
              {t("webhooks.sendTest")}
            </Button>
            <Button startIcon={<EditIcon />} onClick={() => open("edit")}>
              {t("common.edit")}
            </Button>
            <Button startIcon={<KeyIcon />} onClick={() => open("rotate")}>
              {t("webhooks.rotate")}
            </Button>
            <Button color="error" startIcon={<DeleteIcon />} onClick={() => open("delete")}>
              {t("webhooks.delete")}
            </Button>
          </Stack>
          {notice ? (
            <Alert severity="success" onClose={() => setNotice(null)}>
              {t(notice)}
            </Alert>
          ) : null}
          {actionError ? <Alert severity="error">{errorText(actionError)}</Alert> : null}
        </Stack>
      </Paper>
      <DeliveryLog endpoint={endpoint} />
      {dialog === "edit" ? (
        <EndpointDialog
          open
          endpoint={endpoint}
          pending={update.isPending}
          error={update.error}
          onSubmit={(input) => update.mutate(input)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      <ConfirmDialog
        open={dialog === "rotate"}
        title={t("webhooks.rotateTitle")}
        body={t("webhooks.rotateBody")}
        confirmLabel={t("webhooks.rotate")}
        pending={rotate.isPending}
        error={rotate.error}
        onConfirm={() => rotate.mutate()}
        onClose={() => setDialog(null)}
      />
      <ConfirmDialog
        open={dialog === "delete"}
        title={t("webhooks.deleteTitle")}
        body={t("webhooks.deleteBody", { url: endpoint.url })}
        confirmLabel={t("webhooks.delete")}
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setDialog(null)}
      />
      <SecretDialog secret={secret} rotated onClose={() => setSecret(null)} />
    </Stack>
  );
}
