import { describe, expect, it } from "vitest";
import {
  type ApplicationStatus,
  type ApplicationTransition,
  allowedApplicationActions,
  applicationMachine,
  MAILED_APPLICATION_EVENTS,
  REVIEW_ACTIONS,
  reviewRows,
} from "../application.ts";
import type { AuditAction } from "../audit.ts";
import type { EventType } from "../events.ts";
import type { MemberRole } from "../members.ts";
import { CATALOGUE, type CatalogueParts, catalogueGaps } from "./check.ts";
import { ERROR_WORDS, type ErrorCode } from "./errors.ts";
import { categoryPathIn } from "./roles.ts";
import { interpolate, langOf, type Words } from "./words.ts";

describe("the catalogue", () => {
  it("is complete: every row, staff action, status, event, role, audit action, category and error has what it needs in both languages", () => {
    expect(catalogueGaps()).toEqual([]);
  });

  it("reports what is missing when a part is left out", () => {
    const hold: ApplicationTransition = {
      from: "REVIEWING",
      action: "put_on_hold" as never,
      to: "REVIEWING",
      actors: ["reviewer"],
      event: "application.on_hold" as never,
      mails: true,
    };
    const { approve: _dropped, ...decisions } = CATALOGUE.decisions;
    const { REJECTED: _noWords, ...statusWords } = CATALOGUE.statusWords;
    const broken: CatalogueParts = {
      ...CATALOGUE,
      rows: [...CATALOGUE.rows, hold],
      decisions,
      statusWords,
      events: { ...CATALOGUE.events, "member.joined": { resource: "member", words: { en: "a member joined", zh: "" } } },
      roleWords: { ...CATALOGUE.roleWords, member: { ...CATALOGUE.roleWords.member, analyst: { en: "Analyst", zh: "Analyst" } } },
      tables: { ...CATALOGUE.tables, error: { ...CATALOGUE.tables.error, last_owner: { en: "Owner {who}", zh: "所有者" } } },
    };
    const gaps = catalogueGaps(broken);
    expect(gaps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/REVIEWING -put_on_hold-> REVIEWING\): action not in the action list/),
        expect.stringMatching(/event application.on_hold is not in the event catalogue/),
        "staff action approve: no operation or dashboard decision",
        "staff action put_on_hold: no operation or dashboard decision",
        "status REJECTED: no words",
        "event member.joined: no Chinese",
        'member role analyst: the Chinese "Analyst" has no Chinese in it',
        "error last_owner: English and Chinese name different parameters",
      ]),
    );
  });

  it("does not compile a table that misses a word (checked by tsc)", () => {
    // @ts-expect-error a status without its words
    const statuses = { DRAFT: { en: "Draft", zh: "草稿" } } satisfies Record<ApplicationStatus, Words>;
    const roles = {
      // @ts-expect-error a role with English only
      owner: { en: "Owner" },
      admin: { en: "Admin", zh: "管理员" },
      developer: { en: "Developer", zh: "开发者" },
      analyst: { en: "Analyst", zh: "分析师" },
    } satisfies Record<MemberRole, Words>;
    // @ts-expect-error an error code the catalogue does not list
    const code: ErrorCode = "forbidden_because";
    // @ts-expect-error an audit action nobody listed
    const action: AuditAction = "put_on_hold";
    // @ts-expect-error an event type nobody listed
    const event: EventType = "application.on_hold";
    expect([statuses, roles, code, action, event]).toHaveLength(5);
  });

  it("derives the staff decisions, the mailed events and allowed_actions from the same rows", () => {
    expect(REVIEW_ACTIONS).toEqual(["approve", "reject", "request_info", "revoke"]);
    expect(reviewRows("revoke").map((r) => [r.from, r.actors, r.reasonRequired, r.event, r.mails])).toEqual([
      ["APPROVED", ["admin"], true, "application.revoked", true],
    ]);
    expect(new Set(MAILED_APPLICATION_EVENTS)).toEqual(
      new Set(["application.approved", "application.needs_info", "application.rejected", "application.revoked"]),
    );
    const reviewing = allowedApplicationActions("REVIEWING", "reviewer").map((a) => a.action);
    expect(reviewing.sort()).toEqual(
      applicationMachine.transitions
        .filter((t) => t.from === "REVIEWING" && t.actors.includes("reviewer"))
        .map((t) => t.action)
        .sort(),
    );
  });
});

describe("words", () => {
  it("fill parameters, lists joined", () => {
    expect(interpolate(ERROR_WORDS.scope_required.zh, { scope: "analytics:read" })).toBe(
      "您的角色无权进行此操作（需要权限「analytics:read」）。请联系账号的所有者或管理员。",
    );
    expect(interpolate("{roles}", { roles: ["reviewer", "admin"] })).toBe("reviewer, admin");
    expect(interpolate("{missing}")).toBe("{missing}");
  });

  it("pick the language from Accept-Language (zh for any zh-*, en by default)", () => {
    expect(langOf(undefined)).toBe("en");
    expect(langOf("zh-CN")).toBe("zh");
    expect(langOf("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(langOf("en-US,zh-CN;q=0.5")).toBe("en");
    expect(langOf("fr-FR, zh;q=0.3")).toBe("zh");
    expect(langOf("fr-FR")).toBe("en");
    expect(langOf("zh;q=0, en")).toBe("en");
  });

  it("put a category's path in the reader's language", () => {
    expect(categoryPathIn("shop_registration", "zh")).toBe("TikTok Shop 合作伙伴 > 代运营 > 店铺注册");
    expect(categoryPathIn("shop_registration", "en")).toBe("TikTok Shop Partner > Outsourced Operations > Shop registration");
  });
});
