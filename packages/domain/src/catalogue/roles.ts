import type { MemberRole } from "../members.ts";
import { STAFF_ROLES, type StaffRole } from "../staff-roles.ts";
import { categoryPath, findCategory } from "../taxonomy.ts";
import type { Lang, Words } from "./words.ts";

/** A partner member's role (docs/teams-and-account-security.md). */
export const MEMBER_ROLE_WORDS = {
  owner: { en: "Owner", zh: "所有者" },
  admin: { en: "Admin", zh: "管理员" },
  developer: { en: "Developer", zh: "开发者" },
  analyst: { en: "Analyst", zh: "分析师" },
} as const satisfies Record<MemberRole, Words>;

/** A staff user's role on the dashboard. */
export const STAFF_ROLE_WORDS = {
  reviewer: { en: "Reviewer", zh: "审核员" },
  analyst: { en: "Analyst", zh: "分析师" },
  admin: { en: "Admin", zh: "管理员" },
} as const satisfies Record<StaffRole, Words>;

/** A category's name in a language (the taxonomy keeps both); an unknown id shows as itself. */
export function categoryWords(id: string): Words {
  const node = findCategory(id);
  return node ? { en: node.name, zh: node.nameZh } : { en: id, zh: id };
}

/** The root-first path of a category in a language: "TikTok Shop 合作伙伴 > 代运营 > 店铺注册". */
export const categoryPathIn = (id: string, lang: Lang, separator = " > "): string =>
  (categoryPath(id).length ? categoryPath(id).map((n) => (lang === "zh" ? n.nameZh : n.name)) : [id]).join(separator);
export * from "./check.ts";

export const isStaffRole = (role: string): role is StaffRole => STAFF_ROLES.some((r) => r === role);
