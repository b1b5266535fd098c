// The click writer thread's entry: the workspace runs TypeScript through tsx, and a worker thread
// does not inherit the parent's loader, so it registers tsx itself.
import { register } from "tsx/esm/api";

register();
await import("./click-writer-worker.ts");
