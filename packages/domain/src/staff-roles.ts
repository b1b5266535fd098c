/** The staff roles (their own module, without zod, so the dashboard's first page can name them). */
export const STAFF_ROLES = ["reviewer", "analyst", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
