import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { Shopreg, type ShopregOptions } from "../src/index.ts";

export const BASE = "https://api.shopreg.test";
export const server = setupServer();

/** msw for the suite: any request without a handler fails the test. */
export function useMsw() {
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
  afterAll(() => server.close());
}

export const client = (options: ShopregOptions = {}) => new Shopreg({ apiKey: "sr_live_test", baseUrl: BASE, ...options });

/** Settles a promise while advancing fake timers (backoff sleeps), without waiting in real time. */
export async function settle<T>(promise: Promise<T>, stepMs = 100): Promise<T> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let i = 0; !done && i < 10_000; i++) await vi.advanceTimersByTimeAsync(stepMs);
  return promise;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail");
}

export const apiError = (code: string, message = code, details?: unknown, requestId = "req_body_1") => ({
  error: { code, message, request_id: requestId, ...(details !== undefined ? { details } : {}) },
});
