import AddIcon from "@mui/icons-material/Add";
import {
  Button,
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
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { TextLink } from "../../components/links.tsx";
import { EmptyState, LoadingState } from "../../components/states.tsx";
import { type WebhookEndpointWithSecret, webhookEndpointsQuery } from "../../components/webhooks/api.ts";
import { EnabledChip } from "../../components/webhooks/EnabledChip.tsx";
import { EndpointDialog, type EndpointInput } from "../../components/webhooks/EndpointDialog.tsx";
import { RouteError } from "../../components/webhooks/RouteError.tsx";
import { SecretDialog } from "../../components/webhooks/SecretDialog.tsx";
import { client, data } from "../../lib/api.ts";
import { formatDate, useI18n } from "../../lib/i18n.tsx";

export const Route = createFileRoute("/_auth/webhooks/")({
  loader: ({ context }) => context.queryClient.ensureQueryData(webhookEndpointsQuery),
  pendingComponent: LoadingState,
  errorComponent: RouteError,
  component: WebhooksPage,
});

function WebhooksPage() {
  const { t, tn, lang } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { data: endpoints } = useSuspenseQuery(webhookEndpointsQuery);
  const [creating, setCreating] = useState(false);
  // The secret lives only in this state: closing the dialog forgets it for good.
  const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);
  const create = useMutation({
    mutationFn: (input: EndpointInput) =>
      data(
        client.POST("/v1/webhook-endpoints", {
          body: { url: input.url, description: input.description || undefined, event_types: input.event_types },
        }),
      ),
    onSuccess: async (endpoint) => {
      setCreating(false);
      setCreated(endpoint);
      await queryClient.invalidateQueries({ queryKey: webhookEndpointsQuery.queryKey });
    },
  });
  const openCreate = () => {
    create.reset();
    setCreating(true);
  };
  const add = (
    <Button variant="contained" startIcon={<AddIcon />} onClick={openCreate}>
      {t("webhooks.add")}
    </Button>
  );
  return (
    <Stack spacing={2} sx={{ maxWidth: 1080 }}>
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between", gap: 2, flexWrap: "wrap" }}>
        <Typography variant="h1">{t("webhooks.title")}</Typography>
        {endpoints.data.length > 0 ? add : null}
      </Stack>
      <Typography color="text.secondary">{t("webhooks.intro")}</Typography>
      {endpoints.data.length === 0 ? (
        <EmptyState title={t("webhooks.empty")} help={t("webhooks.emptyHelp")} action={add} />
      ) : (
        <TableContainer component={Paper}>
          <Table aria-label={t("webhooks.title")} size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t("webhooks.url")}</TableCell>
                <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{t("webhooks.events")}</TableCell>
                <TableCell>{t("keys.status")}</TableCell>
                <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{t("keys.created")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {endpoints.data.map((e) => (
                <TableRow key={e.id}>
                  <TableCell sx={{ maxWidth: 420, wordBreak: "break-all" }}>
                    <TextLink to="/webhooks/$endpointId" params={{ endpointId: e.id }} sx={{ fontWeight: 600 }}>
                      {e.url}
                    </TextLink>
                    {e.description ? (
                      <Typography variant="body2" color="text.secondary">
                        {e.description}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>
                    {e.event_types.length === 0 ? t("webhooks.allEvents") : tn("webhooks.eventCount", e.event_types.length)}
                  </TableCell>
                  <TableCell>
                    <EnabledChip enabled={e.enabled} />
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{formatDate(e.created_at, lang)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {creating ? (
        <EndpointDialog
          open
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate(input)}
          onClose={() => setCreating(false)}
        />
      ) : null}
      <SecretDialog
        secret={created?.secret ?? null}
        onClose={async () => {
          const id = created?.id;
          setCreated(null);
          if (id) await navigate({ to: "/webhooks/$endpointId", params: { endpointId: id } });
        }}
      />
    </Stack>
  );
}
