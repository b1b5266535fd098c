import { List, ListItem, ListItemText, Typography } from "@mui/material";
import { applicationStatusIn, auditActionLabel } from "@shopreg/domain";
import { useQuery } from "@tanstack/react-query";
import { formatDate, useI18n } from "../lib/i18n.tsx";
import { historyQuery } from "../lib/queries.ts";
import { ErrorState, LoadingState } from "./states.tsx";

/** An application's history (profile page), loaded when its section opens. */
export default function HistoryList({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const q = useQuery(historyQuery(id));
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (q.data.data.length === 0) return <Typography color="text.secondary">{t("category.historyEmpty")}</Typography>;
  return (
    <List dense disablePadding>
      {q.data.data.map((e) => {
        const label = auditActionLabel(e.action, lang);
        const status = (st: string) => applicationStatusIn(st, lang);
        return (
          <ListItem key={e.id} disableGutters divider>
            <ListItemText
              primary={label}
              secondary={[
                e.from_status && e.to_status
                  ? `${status(e.from_status)} → ${status(e.to_status)}`
                  : e.to_status
                    ? status(e.to_status)
                    : null,
                formatDate(e.occurred_at, lang),
                e.actor_label,
                e.reason ? `“${e.reason}”` : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
