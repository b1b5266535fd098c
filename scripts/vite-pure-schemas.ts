// Structural types, so this file needs no vite of its own (each app's vite.config.ts passes its parseAst).
type Node = { type: string; start: number; end: number };
type Declarator = { init?: Node | null };
type Statement = Node & { declaration?: (Node & { declarations?: Declarator[] }) | null; declarations?: Declarator[] };
type ParseAst = (code: string) => { body: Statement[] };

/**
 * @shopreg/domain declares its zod schemas at the top of modules that also hold plain constants
 * (MARKETS beside marketCode, roleCan beside the invitation schemas). A chain of calls is never
 * dropped as unused, so a page that imports one constant got zod too (22 KB gzip). This wraps each
 * top-level `const x = <call chain>` of those modules in a pure IIFE, so an unused schema, and zod
 * with it, is left out of the bundle. It changes nothing else: the same expression runs on first use
 * of the module, as before.
 */
export function pureDomainSchemas(parseAst: ParseAst) {
  return {
    name: "shopreg-pure-domain-schemas",
    transform: {
      filter: { id: /[\\/]packages[\\/]domain[\\/]src[\\/][^\\/]+\.ts$/ },
      handler(code: string) {
        const edits: { start: number; end: number }[] = [];
        for (const statement of parseAst(code).body) {
          const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
          if (declaration?.type !== "VariableDeclaration") continue;
          for (const d of declaration.declarations ?? []) {
            const init = d.init;
            if (init && (init.type === "CallExpression" || init.type === "ChainExpression")) edits.push(init);
          }
        }
        if (edits.length === 0) return null;
        let out = code;
        for (const { start, end } of edits.reverse()) {
          out = `${out.slice(0, start)}/* @__PURE__ */ (() => (${out.slice(start, end)}))()${out.slice(end)}`;
        }
        return { code: out, map: null };
      },
    },
  };
}
