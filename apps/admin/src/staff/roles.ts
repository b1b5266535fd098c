import { isStaffRole, type Lang, STAFF_ROLE_WORDS } from "@shopreg/domain";
import { activeLang } from "../i18n/index.tsx";

/** A staff role as people read it, from the catalogue (the API spells it in lowercase). */
export const staffRoleLabel = (role: string, lang: Lang = activeLang()) =>
  isStaffRole(role) ? STAFF_ROLE_WORDS[role][lang] : role;
