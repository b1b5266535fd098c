/** The service category taxonomy is data. Only leaves can be applied for; only open leaves accept applications. */
export type CategoryNode = {
  id: string;
  name: string;
  nameZh: string;
  parentId: string | null;
  open: boolean;
};

export const CATEGORIES: readonly CategoryNode[] = [
  { id: "tiktok_shop_partner", name: "TikTok Shop Partner", nameZh: "TikTok Shop 合作伙伴", parentId: null, open: true },
  { id: "outsourced_operations", name: "Outsourced Operations", nameZh: "代运营", parentId: "tiktok_shop_partner", open: true },
  { id: "shop_registration", name: "Shop registration", nameZh: "店铺注册", parentId: "outsourced_operations", open: true },
  { id: "store_management", name: "Store management", nameZh: "店铺管理", parentId: "outsourced_operations", open: false },
  { id: "creative_services", name: "Creative Services", nameZh: "创意服务", parentId: "tiktok_shop_partner", open: false },
  { id: "content_production", name: "Content production", nameZh: "内容制作", parentId: "creative_services", open: false },
];

export const SHOP_REGISTRATION = "shop_registration";

export const findCategory = (id: string): CategoryNode | undefined => CATEGORIES.find((c) => c.id === id);
export const isLeafCategory = (id: string): boolean =>
  findCategory(id) !== undefined && !CATEGORIES.some((c) => c.parentId === id);

/** Root-first path, e.g. TikTok Shop Partner > Outsourced Operations > Shop registration. */
export function categoryPath(id: string): CategoryNode[] {
  const path: CategoryNode[] = [];
  let node = findCategory(id);
  while (node) {
    path.unshift(node);
    node = node.parentId ? findCategory(node.parentId) : undefined;
  }
  return path;
}

/** The category's path as words in one language: "TikTok Shop Partner > Outsourced Operations > Shop registration". */
export const categoryPathWords = (id: string, lang: "en" | "zh"): string =>
  categoryPath(id)
    .map((n) => (lang === "zh" ? n.nameZh : n.name))
    .join(" > ");

/** Why a category cannot be applied for, or null when it can. */
export function categoryApplicability(id: string): string | null {
  const node = findCategory(id);
  if (!node) return `Unknown category "${id}".`;
  if (!isLeafCategory(id)) return `"${node.name}" is a group; choose one of its leaf categories.`;
  if (!categoryPath(id).every((n) => n.open)) return `"${node.name}" is not open for applications yet.`;
  return null;
}
