import { render, screen } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { App } from "../src/App.tsx";
import { server, useFakeStaffApi } from "./fakeStaffApi.ts";

// The lists run on src/list-frame.tsx (react-admin's List without the parts no list here shows).
describe("list frame", () => {
  it("says a list is empty in react-admin's words when nothing exists and no filter is set", async () => {
    useFakeStaffApi("admin");
    window.location.hash = "#/services";
    render(<App />);
    expect(await screen.findByText("No Services yet.")).toBeTruthy();
    // No create button: services are created by partners, not here.
    expect(screen.queryByRole("link", { name: /create/i })).toBeNull();
  });

  it("shows the filter form, the rows and the cursor pager", async () => {
    useFakeStaffApi("admin");
    server.use(
      http.get("*/v1/staff/partners", () =>
        HttpResponse.json({
          data: [
            {
              id: "p-1",
              company_name: "Acme Partners",
              entity_type: "US",
              contact_email: "a@acme.test",
              created_at: "2026-11-01T10:00:00.000Z",
            },
          ],
          next_cursor: "c2",
        }),
      ),
    );
    window.location.hash = "#/partners";
    render(<App />);
    expect(await screen.findByText("Acme Partners")).toBeTruthy();
    expect(screen.getByText("Rows 1–1; more on the next page")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Next page" })).toBeTruthy();
    // The filter form (its search box is always shown).
    expect(screen.getByPlaceholderText("Company name")).toBeTruthy();
  });
});
