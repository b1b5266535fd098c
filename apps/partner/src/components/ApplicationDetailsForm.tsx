import { Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, Stack, TextField } from "@mui/material";
import type { FormField } from "../lib/api.ts";
import { useI18n } from "../lib/i18n.tsx";
import { RegionSelect } from "./RegionSelect.tsx";

export type DetailsValues = Record<string, unknown>;

const inputType: Partial<Record<FormField["type"], string>> = { email: "email", url: "url", tel: "tel" };

/** The versioned application form, rendered from its definition (GET /v1/application-forms/{entity_type}). */
export function ApplicationDetailsForm(props: {
  fields: FormField[];
  values: DetailsValues;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange(name: string, value: unknown): void;
}) {
  const { pick } = useI18n();
  return (
    <Stack spacing={2.5}>
      {props.fields.map((f) => {
        const id = `field-${f.name}`;
        const error = props.errors[f.name];
        const help = f.help ? pick(f.help) : undefined;
        const value = props.values[f.name];
        const common = {
          id,
          name: f.name,
          label: pick(f.label),
          required: f.required,
          disabled: props.disabled ?? false,
          error: Boolean(error),
          helperText: error ?? help,
          fullWidth: true,
        };
        switch (f.type) {
          case "multiselect": {
            const chosen = Array.isArray(value) ? (value as string[]) : [];
            return (
              <FormControl
                key={f.name}
                component="fieldset"
                error={Boolean(error)}
                required={f.required}
                disabled={props.disabled ?? false}
              >
                <FormLabel component="legend">{pick(f.label)}</FormLabel>
                <FormGroup row>
                  {(f.options ?? []).map((o) => (
                    <FormControlLabel
                      key={o.value}
                      label={pick(o.label)}
                      control={
                        <Checkbox
                          name={f.name}
                          value={o.value}
                          checked={chosen.includes(o.value)}
                          onChange={(e) =>
                            props.onChange(f.name, e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))
                          }
                        />
                      }
                    />
                  ))}
                </FormGroup>
                {error || help ? <FormHelperText>{error ?? help}</FormHelperText> : null}
              </FormControl>
            );
          }
          case "region":
            return (
              <RegionSelect
                key={f.name}
                id={id}
                name={f.name}
                label={pick(f.label)}
                value={typeof value === "string" ? value : ""}
                onChange={(v) => props.onChange(f.name, v)}
                error={error}
                helperText={help}
                required={f.required}
                disabled={props.disabled ?? false}
              />
            );
          case "integer":
            return (
              <TextField
                key={f.name}
                {...common}
                type="number"
                value={typeof value === "number" ? String(value) : typeof value === "string" ? value : ""}
                onChange={(e) => {
                  const raw = e.target.value;
                  const n = Number(raw);
                  props.onChange(f.name, raw === "" ? "" : Number.isFinite(n) ? n : raw);
                }}
                slotProps={{ htmlInput: { min: 0, step: 1, inputMode: "numeric" } }}
              />
            );
          default:
            return (
              <TextField
                key={f.name}
                {...common}
                type={inputType[f.type] ?? "text"}
                multiline={f.type === "textarea"}
                minRows={f.type === "textarea" ? 3 : undefined}
                value={typeof value === "string" ? value : ""}
                onChange={(e) => props.onChange(f.name, e.target.value)}
                slotProps={{ htmlInput: f.max_length ? { maxLength: f.max_length } : {} }}
              />
            );
        }
      })}
    </Stack>
  );
}

/** What to PATCH: blanks clear a field (null), everything else is sent as typed so the API can judge it. */
export function detailsPatch(fields: FormField[], values: DetailsValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined) continue;
    if (v === "" || (Array.isArray(v) && v.length === 0)) out[f.name] = null;
    else out[f.name] = typeof v === "string" ? v.trim() : v;
  }
  return out;
}
