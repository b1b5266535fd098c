/**
 * Prints the JavaScript a page of a built web app downloads before it can show anything (gzip), read
 * from Vite's manifest: the entry, each page module named on the command line, and every chunk they
 * import statically (dynamic imports load later and are not counted). Exits 1 over the budget.
 *
 *   tsx scripts/first-load.ts <dist> <budget KB> <label>=<module>[+<module>...] ...
 *
 * e.g. `tsx ../../scripts/first-load.ts dist 200 "signed-in home=src/routes/_auth/profile.tsx"`.
 * A page with no module is the entry alone (index.html).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

type Chunk = { file: string; imports?: string[]; isEntry?: boolean; src?: string; css?: string[] };

export function firstLoadFiles(manifest: Record<string, Chunk>, modules: string[]): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest (one of: ${Object.keys(manifest).join(", ")})`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit("index.html");
  for (const m of modules) {
    // The router plugin's split route components are keyed with a query (?tsr-split=component).
    const key = manifest[m] ? m : Object.keys(manifest).find((k) => k.startsWith(`${m}?`) && k.includes("component"));
    visit(key ?? m);
  }
  return [...files].filter((f) => f.endsWith(".js"));
}

function main() {
  const [dist, budgetArg, ...pages] = process.argv.slice(2);
  if (!dist || !budgetArg || pages.length === 0) {
    console.error("usage: first-load.ts <dist> <budget KB> <label>=<module>[+<module>...] ...");
    process.exit(2);
  }
  const budget = Number(budgetArg);
  const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8")) as Record<string, Chunk>;
  let over = false;
  for (const page of pages) {
    const [label, modules = ""] = page.split("=");
    const files = firstLoadFiles(manifest, modules.split("+").filter(Boolean));
    const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
    const kb = gzip / 1024;
    const ok = kb <= budget;
    over ||= !ok;
    console.log(
      `first-load JavaScript, ${label}: ${kb.toFixed(1)} KB gzip -9 in ${files.length} files (budget ${budget} KB)${ok ? "" : " OVER BUDGET"}`,
    );
  }
  if (over) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
