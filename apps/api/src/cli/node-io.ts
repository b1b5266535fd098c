import { CliError, type CliIo } from "./io.ts";

/** Reads one line from a terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = "";
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return done();
        if (ch === "\u0003") return done(new CliError("cancelled."));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readAll(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  // One trailing newline (echo, a file) is not part of the secret.
  return text.replace(/\r?\n$/, "");
}

export const nodeIo = (): CliIo => ({
  env: process.env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  async readSecret(prompt, opts) {
    if (!process.stdin.isTTY) return readAll();
    const first = await promptHidden(prompt);
    if (opts?.confirm && (await promptHidden("Again: ")) !== first) throw new CliError("the two entries differ.");
    return first;
  },
});
