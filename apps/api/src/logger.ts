import { AsyncLocalStorage } from "node:async_hooks";

export type Logger = {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
};

const LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` as part of the request `requestId`: every log line written meanwhile carries it. */
export function withRequestId<T>(requestId: string | undefined, fn: () => Promise<T>): Promise<T> {
  return requestId ? requestContext.run({ requestId }, fn) : fn();
}

/**
 * JSON lines on stdout/stderr: one object per event, easy to ship anywhere. A line written while
 * a request is handled carries its request_id (the x-request-id header it was answered with).
 */
export function createLogger(level: (typeof LEVELS)[number] = "info"): Logger {
  const min = LEVELS.indexOf(level);
  const log = (lvl: (typeof LEVELS)[number]) => (msg: string, data?: Record<string, unknown>) => {
    if (LEVELS.indexOf(lvl) < min) return;
    const request_id = requestContext.getStore()?.requestId;
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level: lvl,
      msg,
      ...(request_id ? { request_id } : {}),
      ...data,
    });
    if (lvl === "error" || lvl === "warn") process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}
