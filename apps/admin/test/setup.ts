import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { server } from "./fakeStaffApi.ts";

// react-admin's first render takes over a second on a busy 2-core machine (and suites run side by side).
configure({ asyncUtilTimeout: 5_000 });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  localStorage.clear();
  window.location.hash = "";
});
// The readable cookie the API sets beside a session: with it the app asks the (faked) API who is signed in.
beforeEach(() => {
  // biome-ignore lint/suspicious/noDocumentCookie: happy-dom's cookie jar, as the API would fill it.
  document.cookie = "shopreg_staff_signed_in=1; Path=/";
});
afterAll(() => server.close());
