import { ERROR_WORDS, errorText } from "@shopreg/domain";
import { PermissionError } from "@shopreg/sdk";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { Member, Session } from "../lib/api.ts";
import { errorWords } from "../lib/errors.ts";
import { loadLang } from "../lib/i18n.tsx";
import { renderAt } from "./render.tsx";
import { apiError, server, session, V1 } from "./server.ts";

const owner = (id: string, name: string): Member => ({
  id,
  email: `${id}@harbor.example.cn`,
  name,
  role: "owner",
  two_factor_enabled: false,
  disabled_at: null,
  last_login_at: "2026-11-30T08:00:00.000Z",
  joined_at: "2026-01-01T00:00:00.000Z",
});
const ownerSession: Session = {
  ...session,
  user: { ...session.user, role: "owner", scopes: ["profile:read", "profile:write", "members:read", "members:write"] },
};
const ENGLISH_SENTENCE = /[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}/;

describe("errors on a Chinese screen (issue 23)", () => {
  it("the sole owner who tries to leave is told why in Chinese, from the catalogue, whatever the API's English said", async () => {
    let acceptLanguage: string | null = null;
    server.use(
      http.get(`${V1}/session`, () =>
        HttpResponse.json({ ...ownerSession, user: { ...ownerSession.user, id: session.user.id } }),
      ),
      // Two owners on the page, but the other one left in the meantime: the API refuses.
      http.get(`${V1}/members`, () => HttpResponse.json({ data: [owner(session.user.id, "Li Wei"), owner("u2", "Co Owner")] })),
      http.get(`${V1}/invitations`, () => HttpResponse.json({ data: [] })),
      http.delete(`${V1}/members/:id`, ({ request }) => {
        acceptLanguage = request.headers.get("accept-language");
        return apiError(409, "last_owner", "An account always has at least one owner: make another member an owner first.", {
          reason: "last_owner",
        });
      }),
    );
    const user = userEvent.setup();
    renderAt("/members", "zh");
    await user.click(await screen.findByRole("button", { name: "离开团队" }));
    const dialog = await screen.findByRole("dialog", { name: "离开此团队账号？" });
    await user.click(within(dialog).getByRole("button", { name: "离开团队" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain(ERROR_WORDS.last_owner.zh);
    expect(alert.textContent).not.toMatch(ENGLISH_SENTENCE);
    // The portal asks the API for Chinese too (its messages and field errors follow Accept-Language).
    expect(acceptLanguage).toBe("zh-CN");
  });

  it("words any SDK error by its code with its parameters, and an unknown code by its status", async () => {
    await loadLang("zh");
    const scope = new PermissionError('Your role (developer) does not allow this; it needs the scope "analytics:read".', {
      status: 403,
      code: "scope_required",
      details: { required_scope: "analytics:read", params: { scope: "analytics:read" } },
    });
    expect(errorWords(scope, "zh")).toBe("您的角色无权进行此操作（需要权限「analytics:read」）。请联系账号的所有者或管理员。");
    expect(errorWords(scope, "en")).toBe(scope.message);
    const unknown = new PermissionError("Some new English refusal.", { status: 403, code: "brand_new_code" });
    expect(errorWords(unknown, "zh")).toBe(ERROR_WORDS.forbidden.zh);
    expect(errorWords(new Error("boom"), "zh")).toBe(errorText({ code: "internal_error" }, "zh"));
  });
});
