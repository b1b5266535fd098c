import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  FormLabel,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { EVENT_CATALOGUE, EVENT_RESOURCE_WORDS, type EventResource, SUBSCRIBABLE_EVENT_TYPES } from "@shopreg/domain";
import { type FormEvent, useId, useState } from "react";
import { errorWords, useApiErrors } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import type { SubscribableEvent, WebhookEndpoint } from "./api.ts";

/** The event picker's groups: the catalogue's types by the resource they carry, in catalogue order. */
export const EVENT_GROUPS: { resource: EventResource; types: SubscribableEvent[] }[] = (() => {
  const groups = new Map<EventResource, SubscribableEvent[]>();
  for (const type of SUBSCRIBABLE_EVENT_TYPES as SubscribableEvent[]) {
    const resource = EVENT_CATALOGUE[type].resource;
    groups.set(resource, [...(groups.get(resource) ?? []), type]);
  }
  return [...groups].map(([resource, types]) => ({ resource, types }));
})();

export type EndpointInput = { url: string; description: string; event_types: SubscribableEvent[] };

/**
 * Create or edit an endpoint: URL, description and the events it receives, grouped by resource.
 * "All events" sends an empty list, which the API reads as every type (present and future).
 */
export function EndpointDialog(props: {
  open: boolean;
  endpoint?: WebhookEndpoint;
  pending: boolean;
  error: unknown;
  onSubmit(input: EndpointInput): void;
  onClose(): void;
}) {
  const { t, lang, pick } = useI18n();
  const { fieldErrors } = useApiErrors();
  const id = useId();
  const start = props.endpoint;
  const [url, setUrl] = useState(start?.url ?? "");
  const [description, setDescription] = useState(start?.description ?? "");
  const [all, setAll] = useState((start?.event_types.length ?? 0) === 0);
  const [picked, setPicked] = useState<Set<SubscribableEvent>>(new Set(start?.event_types ?? []));
  const fields = fieldErrors(props.error);
  const noneChosen = !all && picked.size === 0;
  const toggle = (type: SubscribableEvent, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(type);
    else next.delete(type);
    setPicked(next);
  };
  const toggleGroup = (types: SubscribableEvent[], on: boolean) => {
    const next = new Set(picked);
    for (const type of types) on ? next.add(type) : next.delete(type);
    setPicked(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (noneChosen) return;
    props.onSubmit({ url: url.trim(), description, event_types: all ? [] : [...picked] });
  };
  const otherError = props.error && !fields.url && !fields.description && !fields.event_types;
  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby={`${id}-title`} fullWidth maxWidth="sm">
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id={`${id}-title`}>{start ? t("webhooks.editTitle") : t("webhooks.createTitle")}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              id="webhook-url"
              label={t("webhooks.url")}
              placeholder="https://tool.example.com/shopreg/webhooks"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              error={Boolean(fields.url)}
              helperText={fields.url ?? t("webhooks.urlHelp")}
              required
              autoFocus
              slotProps={{ htmlInput: { maxLength: 2048, inputMode: "url" } }}
            />
            <TextField
              id="webhook-description"
              label={t("webhooks.description")}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              error={Boolean(fields.description)}
              helperText={fields.description}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
            <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
              <FormLabel component="legend" sx={{ mb: 0.5 }}>
                {t("webhooks.events")}
              </FormLabel>
              <FormControlLabel
                control={<Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} />}
                label={t("webhooks.allEvents")}
              />
              {!all ? (
                <Stack spacing={1} sx={{ pl: 1 }}>
                  {EVENT_GROUPS.map((g) => {
                    const on = g.types.filter((type) => picked.has(type)).length;
                    return (
                      <Box key={g.resource} role="group" aria-label={pick(EVENT_RESOURCE_WORDS[g.resource])}>
                        <FormControlLabel
                          control={
                            <Checkbox
                              // No `indeterminate`: MUI marks it with aria-checked on a native checkbox, which axe refuses.
                              checked={on === g.types.length}
                              onChange={(e) => toggleGroup(g.types, e.target.checked)}
                            />
                          }
                          label={<Typography sx={{ fontWeight: 600 }}>{pick(EVENT_RESOURCE_WORDS[g.resource])}</Typography>}
                        />
                        <FormGroup sx={{ pl: 3 }}>
                          {g.types.map((type) => (
                            <FormControlLabel
                              key={type}
                              control={
                                <Checkbox
                                  size="small"
                                  checked={picked.has(type)}
                                  onChange={(e) => toggle(type, e.target.checked)}
                                />
                              }
                              label={
                                <span>
                                  <Box component="code" sx={{ fontSize: 13 }}>
                                    {type}
                                  </Box>{" "}
                                  <Typography component="span" variant="body2" color="text.secondary">
                                    {pick(EVENT_CATALOGUE[type].words)}
                                  </Typography>
                                </span>
                              }
                            />
                          ))}
                        </FormGroup>
                      </Box>
                    );
                  })}
                </Stack>
              ) : null}
              {noneChosen || fields.event_types ? (
                <Typography role="alert" color="error" variant="body2">
                  {fields.event_types ?? t("webhooks.pickOne")}
                </Typography>
              ) : null}
            </Box>
            {otherError ? <Alert severity="error">{errorWords(props.error, lang)}</Alert> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} disabled={props.pending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" variant="contained" disabled={props.pending || noneChosen}>
            {start ? t("common.save") : t("webhooks.create")}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
