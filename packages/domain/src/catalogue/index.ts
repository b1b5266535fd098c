export * from "./check.ts";
export * from "./errors.ts";
export * from "./roles.ts";
export * from "./words.ts";

/**
 * The product's catalogue (docs/decisions/0008-typed-catalogue.md). Each concept is defined once
 * with its words: application statuses, actions and decisions beside the machine (application.ts),
 * events beside their payloads (events.ts), audit actions in audit.ts, errors here (errors.ts),
 * roles and categories in roles.ts. Every table is `satisfies Record<Key, Words>`: a missing word does
 * not compile, and catalogue.test.ts checks the derived parts at run time.
 */
