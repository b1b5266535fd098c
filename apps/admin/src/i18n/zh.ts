import { zhCN } from "@mui/material/locale";
import { messagesFor } from "./messages.ts";
import { raChinese } from "./ra-zh.ts";
import { UI_ZH } from "./words.zh.ts";

/** The Chinese half, loaded on first use (a chunk of its own): react-admin's, ours and MUI's. */
export const messages = messagesFor(raChinese, UI_ZH);
export const words = UI_ZH;
export const muiLocale = zhCN;
