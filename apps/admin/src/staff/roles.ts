import type { StaffRole } from "@shopreg/domain";

/** Staff roles as people read them (the API spells them in lowercase). */
export const STAFF_ROLE_LABELS = {
  reviewer: "Reviewer",
  analyst: "Analyst",
  admin: "Admin",
} as const satisfies Record<StaffRole, string>;

export const staffRoleLabel = (role: string) => STAFF_ROLE_LABELS[role as StaffRole] ?? role;
