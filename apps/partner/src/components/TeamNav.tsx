import GroupIcon from "@mui/icons-material/GroupOutlined";
import SecurityIcon from "@mui/icons-material/Security";
import { ListItem, ListItemIcon, ListItemText } from "@mui/material";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useI18n } from "../lib/i18n.tsx";
import { sessionQuery } from "../lib/queries.ts";
import { hasScope } from "../lib/scopes.ts";
import { ListItemLink } from "./links.tsx";

/** Members (for whoever may see them) and the user's own Account security, in the side navigation. */
export function TeamNav({ onNavigate }: { onNavigate(): void }) {
  const { t } = useI18n();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const has = (scope: "members:read") => hasScope(session, scope);
  return (
    <>
      {has("members:read") ? (
        <ListItem disablePadding>
          <ListItemLink to="/members" activeProps={{ selected: true }} onClick={onNavigate}>
            <ListItemIcon>
              <GroupIcon />
            </ListItemIcon>
            <ListItemText primary={t("nav.members")} />
          </ListItemLink>
        </ListItem>
      ) : null}
      <ListItem disablePadding>
        <ListItemLink to="/account" activeProps={{ selected: true }} onClick={onNavigate}>
          <ListItemIcon>
            <SecurityIcon />
          </ListItemIcon>
          <ListItemText primary={t("nav.account")} />
        </ListItemLink>
      </ListItem>
    </>
  );
}
