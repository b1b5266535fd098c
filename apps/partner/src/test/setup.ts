import { cleanup } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { server } from "./server.ts";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  localStorage.clear();
});
// The readable cookie the API sets beside a session: with it the app asks the (faked) API who is signed in.
beforeEach(() => {
  // biome-ignore lint/suspicious/noDocumentCookie: happy-dom's cookie jar, as the API would fill it.
  document.cookie = "shopreg_partner_signed_in=1; Path=/";
});
afterAll(() => server.close());
