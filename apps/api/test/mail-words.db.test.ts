import { testEngines } from "@shopreg/db/testing";
import { categoryPathWords, ROLE_WORDS, SHOP_REGISTRATION } from "@shopreg/domain";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { submittedApplication } from "./helpers.ts";
import { startSmtp, until } from "./webhook-kit.ts";

/**
 * What a mail says and where it leads (issues 23 and 26): links are real anchors in the HTML part
 * and point at the portal's one public URL; decision mails link to the portal; Chinese mail names
 * roles and the category in Chinese. Against a real SMTP server, through the API and its worker.
 */
describe.each(testEngines())("mail words and links on $engine", ({ engine }) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let api: TestApi;
  let reviewer: { cookie: string };
  let portal: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startTestApi(engine, { smtpUrl: smtp.url });
    await api.startWorker();
    reviewer = await api.staff("reviewer");
    portal = api.services.config.partnerPublicUrl;
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const mailTo = async (address: string, subject: (s: string) => boolean, what: string) => {
    const find = () => smtp.to(address.toLowerCase()).find((m) => subject(m.subject ?? ""));
    await until(() => find() !== undefined, 5_000, what);
    return find() as ParsedMail;
  };
  /** The hrefs of the HTML part's anchors. */
  const hrefs = (m: ParsedMail) => [...String(m.html).matchAll(/<a href="([^"]+)">/g)].map((x) => x[1]!.replaceAll("&amp;", "&"));

  it("an approval mails a real link to the portal's next step; the text part carries the same URL", async () => {
    const partner = await api.signUp();
    const appId = await submittedApplication(api, partner);
    const res = await api.request(`/v1/staff/applications/${appId}/approve`, { cookie: reviewer.cookie, method: "POST" });
    expect(res.status).toBe(200);
    const mail = await mailTo(partner.email, (s) => s.includes("approved"), "the approval mail");
    expect(mail.html).toContain("<a href=");
    expect(hrefs(mail)).toEqual([`${portal}/services/new`]);
    expect(mail.text).toContain(`${portal}/services/new`);
    expect(mail.text).toContain(categoryPathWords(SHOP_REGISTRATION, "en"));
  });

  it("a rejection in Chinese names the category and market in Chinese and links to the application", async () => {
    const partner = await api.signUp({ locale: "zh-CN" });
    await api.db.updateTable("users").set({ locale: "zh-CN" }).where("id", "=", partner.userId).execute();
    const appId = await submittedApplication(api, partner);
    const res = await api.request(`/v1/staff/applications/${appId}/reject`, {
      cookie: reviewer.cookie,
      body: { reason: "营业执照无法辨认" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mail = await mailTo(partner.email, (s) => s === "您的 shopreg 申请未获批准", "the rejection mail");
    const zhPath = categoryPathWords(SHOP_REGISTRATION, "zh");
    expect(zhPath).toBe("TikTok Shop 合作伙伴 > 代运营 > 店铺注册");
    expect(mail.text).toContain(zhPath);
    expect(mail.text).toContain("美国");
    expect(mail.text).not.toContain(categoryPathWords(SHOP_REGISTRATION, "en"));
    expect(mail.text).not.toContain("Outsourced Operations");
    expect(hrefs(mail)).toEqual([`${portal}/applications/${appId}`]);
    expect(mail.html).toContain('lang="zh-CN"');
  });

  it("an invitation in Chinese names the role in Chinese, and its accept link is an anchor with the token", async () => {
    const owner = await api.signUp({ locale: "zh-CN" });
    await api.db.updateTable("users").set({ locale: "zh-CN" }).where("id", "=", owner.userId).execute();
    const who = `analyst-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const inv = await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: who, role: "analyst" } });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    const mail = await mailTo(who, (s) => s.startsWith("邀请您加入"), "the invitation");
    expect(mail.text).toContain(`以${ROLE_WORDS.analyst.zh}身份`);
    expect(mail.text).not.toMatch(/\banalyst\b/);
    const [href, ...more] = hrefs(mail);
    expect(more).toEqual([]);
    expect(href).toMatch(
      new RegExp(`^${portal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/accept-invitation\\?token=[A-Za-z0-9_%-]{20,}$`),
    );
    expect(mail.text).toContain(href);
  });

  it("an invitation in English names the role as the portal does", async () => {
    const owner = await api.signUp();
    const who = `dev-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const inv = await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: who, role: "developer" } });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    const mail = await mailTo(who, (s) => s.startsWith("You are invited"), "the invitation");
    expect(mail.text).toContain(`as ${ROLE_WORDS.developer.en}.`);
    expect(hrefs(mail)[0]).toMatch(/\/accept-invitation\?token=/);
  });

  it("the sign-up's confirmation mail links to the portal's public URL as an anchor", async () => {
    const partner = await api.signUp({ verified: false });
    const mail = await mailTo(partner.email, (s) => s.includes("Confirm your email"), "the confirmation mail");
    const [href] = hrefs(mail);
    expect(href?.startsWith(`${portal}/verify-email?token=`)).toBe(true);
    expect(mail.text).toContain(href);
  });
});
