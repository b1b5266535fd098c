import { Autocomplete, TextField } from "@mui/material";
import { REGION_CODES } from "@shopreg/domain";
import { useMemo } from "react";
import { regionName, useI18n } from "../lib/i18n.tsx";

export function RegionSelect(props: {
  id?: string;
  label: string;
  value: string;
  onChange(code: string): void;
  error?: string | undefined;
  helperText?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  name?: string;
}) {
  const { lang } = useI18n();
  const options = useMemo(
    () =>
      REGION_CODES.map((code) => ({ code, label: `${regionName(code, lang)} (${code})` })).sort((a, b) =>
        a.label.localeCompare(b.label, lang === "zh" ? "zh-CN" : "en"),
      ),
    [lang],
  );
  const selected = options.find((o) => o.code === props.value) ?? null;
  return (
    <Autocomplete
      {...(props.id ? { id: props.id } : {})}
      options={options}
      value={selected}
      disabled={props.disabled ?? false}
      onChange={(_, o) => props.onChange(o?.code ?? "")}
      isOptionEqualToValue={(a, b) => a.code === b.code}
      getOptionLabel={(o) => o.label}
      renderInput={(params) => (
        <TextField
          {...params}
          name={props.name}
          label={props.label}
          required={props.required ?? false}
          error={Boolean(props.error)}
          helperText={props.error ?? props.helperText}
        />
      )}
    />
  );
}
