import { createMemoryHistory } from "@tanstack/react-router";
import { render } from "@testing-library/react";
import { App } from "../App.tsx";
import { createAppRouter } from "../router.tsx";

/** The whole app (router, loaders, query cache) at a path, as a user would open it. */
export function renderAt(path: string, lang: "en" | "zh" = "en") {
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [path] }) });
  const utils = render(<App router={router} lang={lang} />);
  return { router, ...utils };
}
