// First, so it runs before any module that builds a schema.
import "./zod-config.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { isApiError } from "./lib/api.ts";
import { initialLang, loadLang } from "./lib/i18n.tsx";
import { createAppRouter } from "./router.tsx";

// The reader's words are a chunk of their own: ask for them now, and start the first page's session,
// data and code at the same time, rather than one after the other once the words have come. (Mounting
// the router loads again, from these same requests; an error shows there.)
void loadLang(initialLang());
const router = createAppRouter();
router.load().catch(() => undefined);
createRoot(document.getElementById("root")!, {
  // A 403 or 404 the page explains (its error state) is an answer, not a fault: no stack in the console.
  onCaughtError: (error, info) => {
    if (isApiError(error) && (error.status === 403 || error.status === 404)) return;
    console.error(error, info.componentStack);
  },
}).render(
  <StrictMode>
    <App router={router} />
  </StrictMode>,
);
