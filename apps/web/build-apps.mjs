// Copies the built partner portal and reviewer dashboard into dist/ beside the server, and writes
// .br and .gz copies of every compressible file, so the server sends them without compressing
// per request (it falls back to compressing on the fly, and to the plain file).
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(html|js|mjs|css|svg|json|txt|map|webmanifest|xml)$/;
const MIN_BYTES = 1024;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let compressed = 0;
for (const app of ["partner", "admin"]) {
  const from = `../${app}/dist`;
  if (!existsSync(join(from, "index.html")))
    throw new Error(`build-apps: ${from}/index.html is missing; build @shopreg/${app} first.`);
  const to = join("dist", app);
  cpSync(from, to, { recursive: true });
  for (const path of files(to)) {
    if (!COMPRESSIBLE.test(path) || path.endsWith(".map")) continue;
    const body = readFileSync(path);
    if (body.length < MIN_BYTES) continue;
    writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    compressed++;
  }
}
console.log(`build-apps: partner and admin copied to dist/, ${compressed} files precompressed (.br, .gz)`);
