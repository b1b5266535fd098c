import SkipNextIcon from "@mui/icons-material/SkipNext";
import { Button } from "@mui/material";
import { useState } from "react";
import { useCreatePath, useDataProvider, useNotify, useRecordContext, useRedirect } from "react-admin";
import { errorWords } from "../i18n/errors.ts";
import { useT } from "../i18n/index.tsx";

/** Opens the oldest application still in review (other than this one), so a reviewer works through the queue in place. */
export function NextInQueueButton() {
  const record = useRecordContext<{ id: string }>();
  const dataProvider = useDataProvider();
  const redirect = useRedirect();
  const createPath = useCreatePath();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const t = useT();
  const next = async () => {
    setBusy(true);
    try {
      const { data } = await dataProvider.getList("applications", {
        filter: { status: ["REVIEWING"] },
        pagination: { page: 1, perPage: 2 },
        sort: { field: "submitted_at", order: "ASC" },
      });
      const target = data.find((a) => a.id !== record?.id);
      if (target) redirect(createPath({ resource: "applications", type: "show", id: target.id }));
      else notify(t("queue_empty_other"), { type: "info" });
    } catch (e) {
      notify(errorWords(e), { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button startIcon={<SkipNextIcon />} onClick={next} disabled={busy}>
      {t("next_in_queue")}
    </Button>
  );
}
