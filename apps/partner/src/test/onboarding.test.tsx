import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { renderAt } from "./render.tsx";
import { application, catalog, server, session, signedIn, V1 } from "./server.ts";

/** The seed's onboarding: the sign-up shortcut is for U.S. partners; non-U.S. "Start business" asks for company info. */
// Typing through MUI in jsdom is slow on a busy machine.
describe("onboarding", { timeout: 60_000 }, () => {
  it("offers Shop registration at sign-up only to a company registered in the U.S.", async () => {
    let sent: Record<string, unknown> | undefined;
    server.use(
      http.get(`${V1}/session`, () => HttpResponse.json({ error: { code: "unauthenticated", message: "no" } }, { status: 401 })),
      http.post(`${V1}/partners`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ email: sent.contact_email, next: "confirm_email" }, { status: 202 });
      }),
      http.post(`${V1}/session`, () => HttpResponse.json(session)),
      http.get(`${V1}/catalog`, () => HttpResponse.json(catalog)),
      http.get(`${V1}/applications`, () => HttpResponse.json({ data: [], next_cursor: null })),
    );
    const user = userEvent.setup();
    renderAt("/signup");
    const companyRegion = await screen.findByLabelText(/Company registration region/);
    await user.type(screen.getByLabelText(/Company name/), "Bright Harbor Trading");
    await user.type(companyRegion, "China");
    await user.click(await screen.findByRole("option", { name: "China (CN)" }));
    expect(await screen.findByText(/apply for Shop registration from My Account > Profile/)).toBeTruthy();
    expect(screen.queryByRole("checkbox", { name: "Shop registration" })).toBeNull();

    await user.clear(companyRegion);
    await user.type(companyRegion, "United States");
    await user.click(await screen.findByRole("option", { name: "United States (US)" }));
    expect(screen.getByRole("checkbox", { name: "Shop registration" })).toBeTruthy();
    expect(screen.queryByText(/apply for Shop registration from My Account > Profile/)).toBeNull();

    await user.clear(companyRegion);
    await user.type(companyRegion, "China");
    await user.click(await screen.findByRole("option", { name: "China (CN)" }));
    await user.click(screen.getByRole("button", { name: "Sign up" }));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent?.apply_for_shop_registration).toBe(false);
  });

  it("asks a cross-border partner for its company information at Start business and sends it with the market from the catalog", async () => {
    let sent: Record<string, unknown> | undefined;
    server.use(
      ...signedIn,
      http.get(`${V1}/applications`, () => HttpResponse.json({ data: [], next_cursor: null })),
      http.post(`${V1}/applications`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(application(), { status: 201 });
      }),
      http.get(`${V1}/applications/:id`, () => HttpResponse.json(application())),
      http.get(`${V1}/application-forms/:entity`, () => HttpResponse.json({ version: 1, entity_type: "NON_US", fields: [] })),
    );
    const user = userEvent.setup();
    renderAt("/applications/new");
    const next = await screen.findByRole("button", { name: "Next" });
    expect(next.hasAttribute("disabled")).toBe(true);
    await user.type(screen.getByLabelText(/Company registration number/), "91440300MA5ABCDE1X");
    await user.type(screen.getByLabelText(/Registered address/), "18 Keyuan Road, Shenzhen");
    await user.type(screen.getByLabelText(/Legal representative/), "Zhang Min");
    await waitFor(() => expect(next.hasAttribute("disabled")).toBe(false));
    await user.click(next);
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toEqual({
      category_id: "shop_registration",
      target_market: "US",
      details: {
        // What sign-up said, as a U.S. application gets its legal name at sign-up.
        legal_company_name: "Bright Harbor Trading",
        registered_country: "CN",
        company_registration_number: "91440300MA5ABCDE1X",
        registered_address: "18 Keyuan Road, Shenzhen",
        legal_representative: "Zhang Min",
      },
    });
  });
});
