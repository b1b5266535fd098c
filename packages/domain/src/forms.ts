import { z } from "zod";
import { issuesFromZod, Validation } from "./errors.ts";
import { type EntityType, isRegionCode } from "./regions.ts";
import { SINGLE_LINE, SINGLE_LINE_MESSAGE } from "./schemas.ts";

/**
 * The application details form, versioned. The portal renders FIELDS; the API enforces the schema
 * built from the same list, so the two can never disagree.
 */
export const APPLICATION_FORM_VERSION = 1;

export type FieldType = "text" | "textarea" | "email" | "url" | "tel" | "integer" | "multiselect" | "region" | "document";
export type FormField = {
  name: string;
  type: FieldType;
  required: boolean;
  /** Which entity types see the field. */
  entities: readonly EntityType[];
  label: { en: string; zh: string };
  help?: { en: string; zh: string };
  maxLength?: number;
  options?: readonly { value: string; label: { en: string; zh: string } }[];
};

export const PRODUCT_CATEGORIES = [
  { value: "beauty_personal_care", label: { en: "Beauty & Personal Care", zh: "美妆个护" } },
  { value: "fashion_apparel", label: { en: "Fashion & Apparel", zh: "服饰" } },
  { value: "home_living", label: { en: "Home & Living", zh: "家居生活" } },
  { value: "electronics", label: { en: "Electronics", zh: "电子产品" } },
  { value: "food_beverage", label: { en: "Food & Beverage", zh: "食品饮料" } },
  { value: "health", label: { en: "Health", zh: "健康" } },
  { value: "sports_outdoor", label: { en: "Sports & Outdoor", zh: "运动户外" } },
  { value: "toys_hobbies", label: { en: "Toys & Hobbies", zh: "玩具爱好" } },
  { value: "pet_supplies", label: { en: "Pet Supplies", zh: "宠物用品" } },
  { value: "other", label: { en: "Other", zh: "其他" } },
] as const;

const ALL: readonly EntityType[] = ["US", "NON_US"];
const NON_US: readonly EntityType[] = ["NON_US"];

export const APPLICATION_FORM_FIELDS: readonly FormField[] = [
  {
    name: "legal_company_name",
    type: "text",
    required: true,
    entities: ALL,
    maxLength: 200,
    label: { en: "Legal company name", zh: "公司法定名称" },
  },
  { name: "website", type: "url", required: true, entities: ALL, maxLength: 500, label: { en: "Website", zh: "公司网站" } },
  {
    name: "business_contact_name",
    type: "text",
    required: true,
    entities: ALL,
    maxLength: 200,
    label: { en: "Business contact name", zh: "业务联系人姓名" },
  },
  {
    name: "business_contact_email",
    type: "email",
    required: true,
    entities: ALL,
    maxLength: 320,
    label: { en: "Business contact email", zh: "业务联系人邮箱" },
  },
  {
    name: "business_contact_phone",
    type: "tel",
    required: true,
    entities: ALL,
    maxLength: 40,
    label: { en: "Business contact phone", zh: "业务联系人电话" },
  },
  {
    name: "company_description",
    type: "textarea",
    required: true,
    entities: ALL,
    maxLength: 4000,
    label: { en: "Company description", zh: "公司简介" },
    help: {
      en: "What your company does for sellers (at least 20 characters).",
      zh: "贵公司为商家提供的服务（至少 20 个字符）。",
    },
  },
  {
    name: "sellers_served_last_12_months",
    type: "integer",
    required: true,
    entities: ALL,
    label: { en: "Sellers served in the last 12 months", zh: "过去 12 个月服务的商家数量" },
  },
  {
    name: "main_product_categories",
    type: "multiselect",
    required: true,
    entities: ALL,
    options: PRODUCT_CATEGORIES,
    label: { en: "Main product categories served", zh: "主要服务的商品类目" },
  },
  {
    name: "company_registration_number",
    type: "text",
    required: true,
    entities: NON_US,
    maxLength: 100,
    label: { en: "Company registration number", zh: "公司注册号" },
  },
  {
    name: "registered_address",
    type: "textarea",
    required: true,
    entities: NON_US,
    maxLength: 500,
    label: { en: "Registered address", zh: "注册地址" },
  },
  {
    name: "registered_country",
    type: "region",
    required: true,
    entities: NON_US,
    label: { en: "Country of registration", zh: "注册国家/地区" },
  },
  {
    name: "legal_representative",
    type: "text",
    required: true,
    entities: NON_US,
    maxLength: 200,
    label: { en: "Legal representative", zh: "法定代表人" },
  },
  {
    name: "business_license",
    type: "document",
    required: true,
    entities: NON_US,
    maxLength: 500,
    label: { en: "Business license (document reference)", zh: "营业执照（文件编号或链接）" },
    help: { en: "A document id or an https link to the scanned license.", zh: "文件编号或营业执照扫描件的 https 链接。" },
  },
  {
    name: "us_operating_experience",
    type: "textarea",
    required: true,
    entities: NON_US,
    maxLength: 4000,
    label: { en: "U.S. operating experience", zh: "美国市场运营经验" },
  },
  {
    name: "us_local_contact_name",
    type: "text",
    required: false,
    entities: NON_US,
    maxLength: 200,
    label: { en: "Local contact in the U.S. (name)", zh: "美国本地联系人姓名" },
  },
  {
    name: "us_local_contact_email",
    type: "email",
    required: false,
    entities: NON_US,
    maxLength: 320,
    label: { en: "Local contact in the U.S. (email)", zh: "美国本地联系人邮箱" },
  },
  {
    name: "us_local_contact_phone",
    type: "tel",
    required: false,
    entities: NON_US,
    maxLength: 40,
    label: { en: "Local contact in the U.S. (phone)", zh: "美国本地联系人电话" },
  },
];

export const formFieldsFor = (entityType: EntityType): FormField[] =>
  APPLICATION_FORM_FIELDS.filter((f) => f.entities.includes(entityType));

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()\-.]{6,40}$/, "Enter a phone number, digits with an optional leading +.");

function fieldSchema(f: FormField): z.ZodType {
  const max = f.maxLength ?? 1000;
  switch (f.type) {
    case "email":
      return z.email("Enter a valid email address.").max(max);
    case "url":
      return z.url({ protocol: /^https?$/, error: "Enter a full http(s) URL, such as https://example.com." }).max(max);
    case "tel":
      return phone;
    case "integer":
      return z
        .number({ error: "Enter a whole number." })
        .int("Enter a whole number.")
        .min(0, "Cannot be negative.")
        .max(10_000_000);
    case "multiselect": {
      const values = (f.options ?? []).map((o) => o.value) as [string, ...string[]];
      return z.array(z.enum(values)).min(1, "Choose at least one.").max(values.length);
    }
    case "region":
      return z
        .string()
        .length(2, "Use a two-letter region code.")
        .transform((s) => s.toUpperCase())
        .refine(isRegionCode, "Not an ISO 3166-1 alpha-2 region code.");
    case "textarea":
      return f.name === "company_description"
        ? z.string().trim().min(20, "Write at least 20 characters.").max(max)
        : z.string().trim().min(1, "Required.").max(max);
    default:
      return z.string().trim().min(1, "Required.").max(max).regex(SINGLE_LINE, SINGLE_LINE_MESSAGE);
  }
}

/**
 * `complete` is what submission requires (every required field present); otherwise every field is
 * optional so a draft can be saved half-filled, but what is there must still be well-formed.
 */
export function applicationDetailsSchema(entityType: EntityType, mode: "draft" | "complete") {
  const shape: Record<string, z.ZodType> = {};
  for (const f of formFieldsFor(entityType)) {
    const s = fieldSchema(f);
    shape[f.name] = mode === "complete" && f.required ? s : s.optional();
  }
  return z.strictObject(shape);
}

export type ApplicationDetails = Record<string, unknown>;

/** Validates details for a mode and returns the normalised value, or throws Validation with field paths. */
export function parseApplicationDetails(
  entityType: EntityType,
  mode: "draft" | "complete",
  details: unknown,
): ApplicationDetails {
  const res = applicationDetailsSchema(entityType, mode).safeParse(details ?? {});
  if (!res.success) {
    // Paths are under "details"; an issue with the object itself (not an object) is at "details".
    const issues = issuesFromZod(res.error.issues.map((i) => ({ ...i, path: ["details", ...i.path] })));
    throw new Validation(
      mode === "complete" ? "The application is incomplete or has invalid fields." : "Some application details are invalid.",
      issues,
    );
  }
  return res.data as ApplicationDetails;
}
