import SkipNextIcon from "@mui/icons-material/SkipNext";
import { Button } from "@mui/material";
import { useState } from "react";
import { useCreatePath, useDataProvider, useNotify, useRecordContext, useRedirect } from "react-admin";

/** Opens the oldest application still in review (other than this one), so a reviewer works through the queue in place. */
export function NextInQueueButton() {
  const record = useRecordContext<{ id: string }>();
  const dataProvider = useDataProvider();
  const redirect = useRedirect();
  const createPath = useCreatePath();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
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
      else notify("The queue is empty: no other application is waiting for review.", { type: "info" });
    } catch (e) {
      notify(e instanceof Error ? e.message : "Could not load the queue.", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button startIcon={<SkipNextIcon />} onClick={next} disabled={busy}>
      Next in queue
    </Button>
  );
}
