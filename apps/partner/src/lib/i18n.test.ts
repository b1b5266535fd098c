import { EVENT_CATALOGUE, SUBSCRIBABLE_EVENT_TYPES } from "@shopreg/domain";
import { describe, expect, it } from "vitest";
import { en } from "./i18n.tsx";
import { zh } from "./i18n.zh.ts";

// The webhook event picker builds its keys from the domain's catalogue; a missing one showed the raw key.
describe("the portal's words", () => {
  it("name every subscribable webhook event and its group, in English and Chinese", () => {
    const keys = SUBSCRIBABLE_EVENT_TYPES.flatMap((type) => [
      `webhooks.event.${type}`,
      `webhooks.group.${EVENT_CATALOGUE[type].resource}`,
    ]);
    for (const dict of [en, zh] as Record<string, string>[]) {
      expect(keys.filter((k) => !dict[k])).toEqual([]);
    }
  });

  it("have a Chinese word for every English one", () => {
    expect(Object.keys(en).filter((k) => !(k in zh))).toEqual([]);
  });
});
