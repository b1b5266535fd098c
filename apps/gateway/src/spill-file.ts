import { existsSync, readdirSync, readFileSync } from "node:fs";
import { appendFile, mkdir, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { ClickToRecord } from "@shopreg/db";
import type { SpillStore } from "./recorder.ts";

/**
 * The Node adapter for spilled clicks: JSON lines appended to one file. A replay first renames the
 * file (new spills start a fresh one), writes it, then deletes it; a replay cut short leaves its
 * file for the next attempt, and idempotent writes make the second pass harmless.
 */
export class SpillFile implements SpillStore {
  private count = 0;

  constructor(private path: string) {
    for (const f of this.files()) this.count += countLines(f);
  }

  pending() {
    return this.count;
  }

  async append(batch: ClickToRecord[]) {
    if (batch.length === 0) return;
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${batch.map((c) => JSON.stringify(c)).join("\n")}\n`);
    this.count += batch.length;
  }

  async replay(write: (batch: ClickToRecord[]) => Promise<void>, batchSize: number): Promise<number> {
    let replayed = 0;
    if (existsSync(this.path)) await rename(this.path, `${this.path}.replay-${Date.now()}`);
    for (const file of this.files().filter((f) => f !== this.path)) {
      const clicks = parseLines(await readFile(file, "utf8"));
      for (let i = 0; i < clicks.length; i += batchSize) await write(clicks.slice(i, i + batchSize));
      await unlink(file);
      replayed += clicks.length;
      this.count = Math.max(0, this.count - clicks.length);
    }
    return replayed;
  }

  /** Files being replayed first (oldest), then the live file. */
  private files(): string[] {
    const dir = dirname(this.path);
    if (!existsSync(dir)) return [];
    const prefix = `${basename(this.path)}.replay-`;
    const replays = readdirSync(dir)
      .filter((f) => f.startsWith(prefix))
      .sort()
      .map((f) => join(dir, f));
    return existsSync(this.path) ? [...replays, this.path] : replays;
  }
}

function parseLines(text: string): ClickToRecord[] {
  const out: ClickToRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const c = JSON.parse(line) as ClickToRecord & { clicked_at: string };
      out.push({ ...c, clicked_at: new Date(c.clicked_at) });
    } catch {
      // A line cut short by a crash mid-append: nothing after it in that line can be recovered.
    }
  }
  return out;
}

function countLines(file: string): number {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim()).length;
  } catch {
    return 0;
  }
}
