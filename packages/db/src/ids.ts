import { uuidv7 } from "uuidv7";

/** Time-ordered ids (UUIDv7): keyset pagination by id is creation order. */
export const newId = (): string => uuidv7();
