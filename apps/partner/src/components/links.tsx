import { Button, ListItemButton, Link as MuiLink } from "@mui/material";
import { createLink } from "@tanstack/react-router";

/** MUI components that navigate with the router (typed `to`, preloading on intent). */
export const ButtonLink = createLink(Button);
export const ListItemLink = createLink(ListItemButton);
export const TextLink = createLink(MuiLink);
