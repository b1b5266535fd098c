import { ERROR_WORDS } from "../../packages/domain/src/catalogue/errors.ts";
import { LANGS, type Lang } from "../../packages/domain/src/catalogue/words.ts";

const PREFIX = "virtual:error-words/";

/**
 * `import errors from "virtual:error-words/zh"`: the catalogue's error words in one language, a
 * table from code to words built from packages/domain at build time. Each language's dictionary
 * chunk imports its own, so a reader downloads the error words of the language they read only
 * (the catalogue holds both languages side by side, 8 KB for every code).
 */
export function errorWordsByLanguage() {
  return {
    name: "shopreg-error-words-by-language",
    resolveId(id: string) {
      return id.startsWith(PREFIX) ? `\0${id}` : null;
    },
    load(id: string) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const lang = id.slice(PREFIX.length + 1) as Lang;
      if (!LANGS.includes(lang)) throw new Error(`${id}: no such language (one of ${LANGS.join(", ")})`);
      const table = Object.fromEntries(Object.entries(ERROR_WORDS).map(([code, words]) => [code, words[lang]]));
      return `export default ${JSON.stringify(table)};`;
    },
  };
}
