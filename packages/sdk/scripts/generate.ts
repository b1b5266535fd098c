import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fetchOpenApiDocument, GENERATED_FILE, renderTypes } from "./openapi.ts";

/** Regenerates src/openapi.gen.ts from what the API serves. */
const source = await renderTypes(await fetchOpenApiDocument());
writeFileSync(GENERATED_FILE, source);
console.log(`wrote ${fileURLToPath(GENERATED_FILE)} (${source.length} bytes)`);
