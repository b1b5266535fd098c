// The catalogue's error words in one language (words-by-language.ts builds them from packages/domain).
declare module "virtual:error-words/*" {
  const words: Record<import("@shopreg/domain").ErrorCode, string>;
  export default words;
}
