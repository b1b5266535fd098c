import { z } from "zod";
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from "./application.ts";
import { exactly, marketCode, regionCode } from "./regions.ts";
import { AVAILABLE_SERVICE_TYPES, SERVICE_TYPES } from "./service.ts";
import { STAFF_ROLES, type StaffRole } from "./staff-roles.ts";
import { CATEGORIES } from "./taxonomy.ts";

/** The categories one can apply for or offer a service in: open leaves of the taxonomy. */
export const OPEN_LEAF_CATEGORIES: readonly string[] = CATEGORIES.filter(
  (c) => c.open && !CATEGORIES.some((d) => d.parentId === c.id),
).map((c) => c.id);
export const categoryId = z
  .string()
  .min(1)
  .max(100)
  .meta({ pattern: exactly(OPEN_LEAF_CATEGORIES), description: "An open leaf category of GET /v1/catalog." });

/** Inputs shared by the API (which enforces them) and the web apps (which render their errors). */

/**
 * One line of text: no control character (C0, DEL, C1 such as U+0085) and no line or paragraph
 * separator (U+2028, U+2029). Names land in mail headers and bodies, where a line break would
 * start a line of the sender's choosing. The one rule for every single-line field.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;
export const SINGLE_LINE_MESSAGE = "Use one line of text, without line breaks or control characters.";
/** A trimmed single-line text field of `min`..`max` characters. */
export const singleLine = (min: number, max: number, required?: string) =>
  z.string().trim().min(min, required).max(max).regex(SINGLE_LINE, SINGLE_LINE_MESSAGE);
/** Trimmed and lower-cased before it is checked, so " Jane@Example.com " is accepted as jane@example.com. */
export const email = z.string().trim().toLowerCase().check(z.email("Enter a valid email address.")).max(320).meta({
  pattern: z.regexes.email.source,
  description: "An email address (a dot in the domain; `0@com` is refused). Trimmed and lower-cased.",
});
export const password = z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters.");

export const signUpInput = z
  .strictObject({
    company_name: singleLine(2, 200, "Enter the company name."),
    registration_region: regionCode,
    company_registration_region: regionCode,
    contact_name: singleLine(1, 200, "Enter a contact name."),
    contact_email: email,
    contact_phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()\-.]{6,40}$/, "Enter a phone number.")
      .optional(),
    password,
    /**
     * A new U.S. partner may pick "Shop registration" while signing up: the same application as applying
     * later. Non-U.S. partners apply only from Profile (the seed's guide), so for them this is refused.
     */
    apply_for_shop_registration: z.boolean().optional(),
    /** The language of the mail the new user receives (the portal sends the one it shows). */
    locale: z.enum(["en", "zh-CN"]).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.apply_for_shop_registration && v.company_registration_region.toUpperCase() !== "US") {
      ctx.addIssue({
        code: "custom",
        path: ["apply_for_shop_registration"],
        message:
          "Only partners whose company is registered in the United States can apply for Shop registration while signing up; " +
          "others apply from My Account > Profile > Service category after signing up.",
      });
    }
  });
export type SignUpInput = z.infer<typeof signUpInput>;

/** A six-digit TOTP code, or a recovery code (xxxxx-xxxxx). */
export const twoFactorCode = z
  .string()
  .trim()
  .regex(/^[0-9]{6}$|^[a-z0-9]{5}-?[a-z0-9]{5}$/i, "Enter the 6-digit code or a recovery code.");

export const loginInput = z.strictObject({
  email,
  password: z.string().min(1, "Enter your password.").max(200),
  /** Needed when the account has two-factor on: the first try without it answers 401 two_factor_required. */
  code: twoFactorCode.optional(),
});

export const profileUpdateInput = z
  .strictObject({
    company_name: singleLine(2, 200).optional(),
    contact_name: singleLine(1, 200).optional(),
    contact_email: email.optional(),
    contact_phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()\-.]{6,40}$/, "Enter a phone number.")
      .nullable()
      .optional(),
  })
  .meta({ minProperties: 1 });

export const serviceFields = {
  name: singleLine(2, 120, "Enter a service name (at least 2 characters)."),
  description: z.string().trim().min(1, "Describe the service.").max(2000),
  contact_email: email,
};

export const serviceCreateInput = z.strictObject({
  type: z
    .enum(SERVICE_TYPES, { error: "Service type must be CUSTOM (PUBLIC is not available yet)." })
    .refine((t) => AVAILABLE_SERVICE_TYPES.includes(t), "PUBLIC services are not available yet; use CUSTOM.")
    // A pattern rather than a narrower enum keeps the portal's Service["type"] assignable (see `exactly`).
    .meta({ pattern: exactly(AVAILABLE_SERVICE_TYPES), description: "CUSTOM (PUBLIC is not available yet)." }),
  category_id: categoryId,
  target_market: marketCode,
  ...serviceFields,
});
export type ServiceCreateInput = z.infer<typeof serviceCreateInput>;

export const serviceUpdateInput = z
  .strictObject({
    name: serviceFields.name.optional(),
    description: serviceFields.description.optional(),
    contact_email: serviceFields.contact_email.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change.")
  .meta({ minProperties: 1 });

export const publishInput = z.strictObject({
  /** The market the partner confirmed in the publish dialog; must equal the service's. */
  confirm_target_market: z
    .string()
    .length(2)
    .transform((s) => s.toUpperCase()),
});

export const reasonInput = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(REASON_MIN_LENGTH, `Give a reason (at least ${REASON_MIN_LENGTH} characters).`)
    .max(REASON_MAX_LENGTH)
    .meta({
      // The lengths count after trimming: at least REASON_MIN_LENGTH characters between the first and last non-space.
      pattern: `^\\s*\\S[\\s\\S]{${REASON_MIN_LENGTH - 2},}\\S\\s*$`,
      description: `At least ${REASON_MIN_LENGTH} and at most ${REASON_MAX_LENGTH} characters once spaces at both ends are trimmed.`,
    }),
});

/** Every partner operation needs one of these (a session holds them all); a key holds the ones it was given. */
export const API_KEY_SCOPES = [
  "profile:read",
  "profile:write",
  "api_keys:read",
  "api_keys:write",
  "applications:read",
  "applications:write",
  "services:read",
  "services:write",
  "analytics:read",
  "webhooks:read",
  "webhooks:write",
  "members:read",
  "members:write",
  "incentives:read",
  "incentives:write",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
/**
 * What a key gets when its creator names no scopes: what a tool driving the registration flow needs.
 * Managing keys, webhooks, members or the profile must be asked for by name.
 */
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = [
  "profile:read",
  "applications:read",
  "applications:write",
  "services:read",
  "services:write",
  "analytics:read",
];

export const apiKeyCreateInput = z.strictObject({
  name: singleLine(1, 100, "Name the key."),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length).optional(),
});

export { STAFF_ROLES, type StaffRole };
export const staffCreateInput = z.strictObject({
  email,
  name: singleLine(1, 200),
  role: z.enum(STAFF_ROLES),
  password,
});

/** An admin gives a staff member another role. */
export const staffRoleInput = z.strictObject({ role: z.enum(STAFF_ROLES) });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
