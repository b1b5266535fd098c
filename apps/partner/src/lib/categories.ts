import { useQuery } from "@tanstack/react-query";
import { useI18n } from "./i18n.tsx";
import { catalogQuery } from "./queries.ts";

/**
 * A category path as the API sends it (English names) in the reader's language, from the catalog's
 * Chinese names: "TikTok Shop 合作伙伴 > 代运营 > 店铺注册". English until the catalog is in.
 */
export function useCategoryPath(): (path: readonly string[]) => string {
  const { lang } = useI18n();
  const { data: catalog } = useQuery(catalogQuery);
  return (path) => {
    if (lang !== "zh" || !catalog) return path.join(" > ");
    const zh = new Map(catalog.categories.map((c) => [c.name, c.name_zh]));
    return path.map((name) => zh.get(name) ?? name).join(" > ");
  };
}
