import { V7Generator } from "uuidv7";

// The library's default source refills 8 random words at a time; the gateway mints an id per
// click, so draw them from a larger pool (one getRandomValues call per ~500 ids).
const pool = new Uint32Array(2_048);
let cursor = pool.length;
const generator = new V7Generator({
  nextUint32() {
    if (cursor >= pool.length) {
      crypto.getRandomValues(pool);
      cursor = 0;
    }
    return pool[cursor++] as number;
  },
});

/** Time-ordered ids (UUIDv7): keyset pagination by id is creation order. */
export const newId = (): string => generator.generate().toString();
