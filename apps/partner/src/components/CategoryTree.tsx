import { Box, FormControlLabel, Radio, RadioGroup, Typography } from "@mui/material";
import type { Category } from "../lib/api.ts";
import { useI18n } from "../lib/i18n.tsx";

/** TikTok Shop Partner > Outsourced Operations > Shop registration: groups as headings, open leaves as choices. */
export function CategoryTree(props: { categories: Category[]; value: string; onChange(id: string): void; label: string }) {
  const { t, lang } = useI18n();
  const name = (c: Category) => (lang === "zh" ? c.name_zh : c.name);
  const children = (id: string | null) => props.categories.filter((c) => c.parent_id === id);
  const render = (c: Category, depth: number) =>
    c.leaf ? (
      <FormControlLabel
        key={c.id}
        value={c.id}
        disabled={!c.open}
        control={<Radio />}
        label={c.open ? name(c) : `${name(c)} (${t("apply.notOpen")})`}
        sx={{ display: "flex", ml: depth * 2 }}
      />
    ) : (
      <Box key={c.id} sx={{ ml: depth * 2 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, mt: 1 }}>
          {name(c)}
        </Typography>
        {children(c.id).map((k) => render(k, depth + 1))}
      </Box>
    );
  return (
    <RadioGroup aria-label={props.label} name="category_id" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {children(null).map((c) => render(c, 0))}
    </RadioGroup>
  );
}
