import { EVENT_CATALOGUE, EVENT_RESOURCE_WORDS, SUBSCRIBABLE_EVENT_TYPES } from "@shopreg/domain";
import { describe, expect, it } from "vitest";
import { en } from "./i18n.en.ts";
import { zh } from "./i18n.zh.ts";

// The webhook event picker reads its words from the domain catalogue (it showed raw keys when it built dictionary keys).
describe("the portal's words", () => {
  it("name every subscribable webhook event and its group, in English and Chinese (from the domain catalogue)", () => {
    const missing = SUBSCRIBABLE_EVENT_TYPES.flatMap((type) => {
      const group = EVENT_RESOURCE_WORDS[EVENT_CATALOGUE[type].resource];
      return [EVENT_CATALOGUE[type].words, group].flatMap((w) => (w.en && w.zh ? [] : [type]));
    });
    expect(missing).toEqual([]);
  });

  it("have a Chinese word for every English one", () => {
    expect(Object.keys(en).filter((k) => !(k in zh))).toEqual([]);
  });
});
