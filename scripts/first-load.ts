/**
 * Prints the JavaScript a page of a built web app downloads before it can show anything (gzip), read
 * from Vite's manifest: the entry, each page module, and every chunk they import statically (dynamic
 * imports load later and are not counted). The pages and the budget are the app's own, once, in its
 * package.json:
 *
 *   "firstLoad": { "budgetKB": 200, "pages": { "signed-in home": "src/routes/_auth.tsx+src/routes/_auth/profile.tsx" } }
 *
 * A page with no module is the entry alone (index.html). Run from the app's folder after `vite build`:
 * `tsx ../../scripts/first-load.ts` prints (the build calls it so; an overrun must not stop
 * `pnpm start`), `--check` also exits 1 over the budget (`pnpm size`, a CI step).
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

/** budgetKB fails `--check`; targetKB (optional, lower) is where the app should be, printed until met. */
type FirstLoad = { budgetKB: number; targetKB?: number; pages: Record<string, string> };

function main() {
  const check = process.argv.includes("--check");
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { firstLoad?: FirstLoad };
  if (!pkg.firstLoad) {
    console.error('first-load.ts: no "firstLoad" { budgetKB, pages } in ./package.json');
    process.exit(2);
  }
  const { budgetKB, targetKB, pages } = pkg.firstLoad;
  const manifest = JSON.parse(readFileSync(join("dist", ".vite", "manifest.json"), "utf8")) as Record<string, Chunk>;
  let over = false;
  for (const [label, modules] of Object.entries(pages)) {
    const files = firstLoadFiles(manifest, modules.split("+").filter(Boolean));
    const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join("dist", f)), { level: 9 }).length, 0);
    const kb = gzip / 1024;
    const ok = kb <= budgetKB;
    over ||= !ok;
    const target = targetKB === undefined ? "" : `, target ${targetKB} KB${kb <= targetKB ? "" : ": not yet"}`;
    console.log(
      `first-load JavaScript, ${label}: ${kb.toFixed(1)} KB gzip -9 in ${files.length} files (budget ${budgetKB} KB${target})${ok ? "" : " OVER BUDGET"}`,
    );
  }
  if (over && check) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
