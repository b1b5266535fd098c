import { ConnectionError, ValidationError } from "@shopreg/sdk";
import { describe, expect, it } from "vitest";
import { createApiClient, data, fieldErrors } from "./index.ts";

/** A fetch that records what it was sent and answers with a real Response. */
function recorder(answer: () => Response | Promise<Response>) {
  const sent: Request[] = [];
  return {
    sent,
    fetch: async (req: Request) => {
      sent.push(req);
      return answer();
    },
  };
}

describe("createApiClient", () => {
  it("sends the session cookie and an Idempotency-Key on POST, and returns the body", async () => {
    const r = recorder(() => Response.json({ id: "k1", name: "ci", secret: "sk_x" }, { status: 201 }));
    const client = createApiClient({ baseUrl: "http://app.test", fetch: r.fetch as typeof fetch });
    const key = await data(client.POST("/v1/api-keys", { body: { name: "ci" } }));
    expect(key).toMatchObject({ id: "k1" });
    expect(r.sent[0]?.url).toBe("http://app.test/v1/api-keys");
    expect(r.sent[0]?.credentials).toBe("same-origin");
    expect(r.sent[0]?.headers.get("idempotency-key")).toMatch(/^[0-9a-f-]{32,36}$/);
    await client.GET("/v1/session");
    expect(r.sent[1]?.headers.has("idempotency-key")).toBe(false);
  });

  it("throws the SDK's error classes, with the API's field errors", async () => {
    const r = recorder(() =>
      Response.json(
        {
          error: {
            code: "validation_failed",
            message: "Check the fields.",
            request_id: "req_1",
            details: { fields: [{ path: "details.website", message: "Enter a URL." }] },
          },
        },
        { status: 422 },
      ),
    );
    const client = createApiClient({ baseUrl: "http://app.test", fetch: r.fetch as typeof fetch });
    const e = await client.PATCH("/v1/profile", { body: { company_name: "x" } }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ status: 422, code: "validation_failed", requestId: "req_1" });
    expect(fieldErrors(e, "details")).toEqual({ website: "Enter a URL." });
  });

  it("reports an unreachable server as a ConnectionError", async () => {
    const client = createApiClient({
      baseUrl: "http://app.test",
      fetch: (() => Promise.reject(new TypeError("fetch failed"))) as typeof fetch,
    });
    await expect(client.GET("/v1/session")).rejects.toBeInstanceOf(ConnectionError);
  });
});
