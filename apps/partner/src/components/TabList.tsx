import { Box, type SxProps, type Theme } from "@mui/material";
import { type KeyboardEvent, useRef } from "react";

type Item<V extends string> = { value: V; label: string; id: string; controls: string };

/**
 * A WAI-ARIA tab list (roving focus, Left/Right/Home/End move and select) drawn like Material UI's
 * Tabs: the signed-in home's two tabs without Tabs' scroll buttons, indicator animation and resize
 * observers (5 KB gzip of the first load).
 */
export function TabList<V extends string>(props: {
  value: V;
  items: Item<V>[];
  onChange(value: V): void;
  label: string;
  sx?: SxProps<Theme>;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const last = props.items.length - 1;
    const to =
      e.key === "ArrowRight"
        ? i === last
          ? 0
          : i + 1
        : e.key === "ArrowLeft"
          ? i === 0
            ? last
            : i - 1
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? last
              : null;
    if (to === null) return;
    e.preventDefault();
    refs.current[to]?.focus();
    props.onChange(props.items[to]!.value);
  };
  return (
    <Box
      role="tablist"
      aria-label={props.label}
      sx={[{ display: "flex", gap: 1 }, ...(Array.isArray(props.sx) ? props.sx : [props.sx])]}
    >
      {props.items.map((item, i) => {
        const selected = item.value === props.value;
        return (
          <Box
            key={item.value}
            component="button"
            type="button"
            role="tab"
            id={item.id}
            aria-selected={selected}
            aria-controls={item.controls}
            tabIndex={selected ? 0 : -1}
            ref={(el: HTMLButtonElement | null) => {
              refs.current[i] = el;
            }}
            onClick={() => props.onChange(item.value)}
            onKeyDown={(e: KeyboardEvent) => onKeyDown(e, i)}
            sx={{
              font: "inherit",
              fontSize: 14,
              fontWeight: 500,
              letterSpacing: "0.02857em",
              textTransform: "uppercase",
              minHeight: 48,
              minWidth: 90,
              px: 2,
              py: 1.5,
              border: 0,
              borderBottom: 2,
              borderColor: selected ? "primary.main" : "transparent",
              bgcolor: "transparent",
              color: selected ? "primary.main" : "text.secondary",
              cursor: "pointer",
              mb: "-1px",
              "&:hover": { color: selected ? "primary.main" : "text.primary" },
              "&:focus-visible": { outline: 2, outlineColor: "primary.main", outlineOffset: -2 },
            }}
          >
            {item.label}
          </Box>
        );
      })}
    </Box>
  );
}
