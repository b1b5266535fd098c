// First, so it runs before any module that builds a schema.
import "./zod-config.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { isApiError } from "./lib/api.ts";
import { createAppRouter } from "./router.tsx";

const router = createAppRouter();
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
