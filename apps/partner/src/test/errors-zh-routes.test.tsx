import { ERROR_WORDS } from "@shopreg/domain";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { renderAt } from "./render.tsx";
import { apiError, server, signedIn, V1 } from "./server.ts";

/** Three English words in a row: a sentence of the API's, which a Chinese screen must not show. */
const ENGLISH_SENTENCE = /[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}/;
const anonymous = http.get(`${V1}/session`, () => apiError(401, "unauthenticated", "Sign in to continue."));

/** The alert's text on the screen, waited for. */
async function alertText(): Promise<string> {
  return (await screen.findByRole("alert")).textContent ?? "";
}

describe("API errors on the portal's Chinese screens, by code (issue 23)", () => {
  it("log in: a refusal the API words in English reads in Chinese from the catalogue", async () => {
    server.use(
      anonymous,
      http.post(`${V1}/session`, () =>
        apiError(429, "rate_limited", "Too many requests. Wait a moment and try again.", { retry_after: 30 }),
      ),
    );
    const user = userEvent.setup();
    renderAt("/login", "zh");
    await user.type(await screen.findByLabelText(/^邮箱/), "li.wei@harbor.example.cn");
    await user.type(screen.getByLabelText(/^密码/), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "登录" }));
    const text = await alertText();
    expect(text).toBe(ERROR_WORDS.rate_limited.zh);
    expect(text).not.toMatch(ENGLISH_SENTENCE);
  });

  it("API keys: a refusal with parameters is worded with them; an unknown code by its status, never raw", async () => {
    let answer = () =>
      apiError(422, "scopes_not_held", "A key you create can only hold scopes you hold; not: webhooks:write.", {
        params: { scopes: ["webhooks:write"] },
      });
    server.use(
      ...signedIn,
      http.get(`${V1}/api-keys`, () => HttpResponse.json({ data: [], next_cursor: null })),
      http.post(`${V1}/api-keys`, () => answer()),
    );
    const user = userEvent.setup();
    renderAt("/api-keys", "zh");
    await user.type(await screen.findByLabelText("密钥名称"), "ERP sync");
    await user.click(screen.getByRole("button", { name: "创建密钥" }));
    expect(await alertText()).toBe("您创建的密钥只能拥有您自己拥有的权限；以下权限不可用：webhooks:write。");

    answer = () => apiError(409, "a_code_from_next_year", "Something the portal has never heard of happened.");
    await user.click(screen.getByRole("button", { name: "创建密钥" }));
    await screen.findByText(ERROR_WORDS.conflict.zh);
    expect(document.body.textContent).not.toContain("a_code_from_next_year");
    expect(document.body.textContent).not.toContain("never heard");
  });

  it("members: a field error is worded under its field by its rule's code, with the rule's parameters", async () => {
    server.use(
      ...signedIn,
      http.get(`${V1}/members`, () => HttpResponse.json({ data: [] })),
      http.get(`${V1}/invitations`, () => HttpResponse.json({ data: [] })),
      http.post(`${V1}/invitations`, () =>
        apiError(422, "validation_failed", "Some fields need attention.", {
          fields: [{ path: "email", code: "field_too_long", message: "Too long (at most 254).", params: { maximum: 254 } }],
        }),
      ),
    );
    const user = userEvent.setup();
    renderAt("/members", "zh");
    await user.type(await screen.findByLabelText("邮箱", { exact: false }), "someone@harbor.example.cn");
    await user.click(screen.getByRole("button", { name: "发送邀请" }));
    expect(await screen.findByText("太长（最多 254）。")).toBeTruthy();
    expect(screen.queryByText(/Too long/)).toBeNull();
  });

  it("the same refusals keep the API's English on an English screen", async () => {
    server.use(
      anonymous,
      http.post(`${V1}/session`, () => apiError(429, "rate_limited", "Too many sign-in attempts; wait 30 seconds.")),
    );
    const user = userEvent.setup();
    renderAt("/login", "en");
    await user.type(await screen.findByLabelText(/^Email/), "li.wei@harbor.example.cn");
    await user.type(screen.getByLabelText(/^Password/), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Log in" }));
    expect(await alertText()).toBe("Too many sign-in attempts; wait 30 seconds.");
  });
});
