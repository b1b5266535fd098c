// Bundles a server app for production: the workspace's TypeScript and every pure-JavaScript
// dependency go into dist/*.js, so `node dist/server.js` runs without tsx, TypeScript or any
// devDependency. Packages that bring native code or read their own files at run time stay
// external and must be `dependencies` of the app (pnpm deploy --prod installs them).
// Usage (from an app folder): node ../../scripts/bundle.mjs name=src/entry.ts [name.mjs=src/other.ts ...]
import { rmSync } from "node:fs";
import { build } from "esbuild";

/** Native (argon2), WebAssembly with data files (PGlite), static files read from the package (swagger-ui-dist). */
const EXTERNAL = ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite/*", "swagger-ui-dist"];

// Bundled CommonJS dependencies call require() and __dirname: give them an ESM equivalent.
const banner = [
  'import { createRequire as __shopregCreateRequire } from "node:module";',
  'import { fileURLToPath as __shopregFileURLToPath } from "node:url";',
  "const require = __shopregCreateRequire(import.meta.url);",
  "const __filename = __shopregFileURLToPath(import.meta.url);",
  'const __dirname = __shopregFileURLToPath(new URL(".", import.meta.url));',
].join("\n");

const entries = process.argv.slice(2).map((arg) => {
  const [name, src] = arg.split("=");
  if (!name || !src) throw new Error(`bundle: expected name=src/file.ts, got "${arg}"`);
  return { name, src };
});
if (entries.length === 0) throw new Error("bundle: no entry points");

rmSync("dist", { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.19",
  outdir: "dist",
  external: EXTERNAL,
  banner: { js: banner },
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
};
// .mjs entries (worker threads started by file name) are built on their own, without shared chunks.
const plain = entries.filter((e) => !e.name.endsWith(".mjs"));
const modules = entries.filter((e) => e.name.endsWith(".mjs"));
if (plain.length > 0) {
  await build({
    ...common,
    entryPoints: plain.map((e) => ({ in: e.src, out: e.name })),
    splitting: true,
    // Chunks beside the entries: import.meta.url-relative files (the writer thread) resolve the same.
    chunkNames: "[name]-[hash]",
  });
}
for (const e of modules) {
  await build({ ...common, entryPoints: [{ in: e.src, out: e.name.replace(/\.mjs$/, "") }], outExtension: { ".js": ".mjs" } });
}
