import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createDataProvider } from "../src/dataProvider.ts";
import { errorBody, server } from "./fakeStaffApi.ts";

/** Three pages of partners behind cursors; records every query the provider sends. */
function pagedPartners() {
  const queries: Record<string, string>[] = [];
  const pages: Record<string, { ids: string[]; next: string | null }> = {
    "": { ids: ["p1", "p2"], next: "c2" },
    c2: { ids: ["p3", "p4"], next: "c3" },
    c3: { ids: ["p5"], next: null },
  };
  server.use(
    http.get("*/v1/staff/partners", ({ request }) => {
      const q = Object.fromEntries(new URL(request.url).searchParams);
      queries.push(q);
      const page = pages[q.cursor ?? ""]!;
      return HttpResponse.json({ data: page.ids.map((id) => ({ id, company_name: id })), next_cursor: page.next });
    }),
  );
  return queries;
}

describe("data provider", () => {
  it("maps react-admin pages onto the API's cursors, with partial pagination", async () => {
    const queries = pagedPartners();
    const dp = createDataProvider();
    const list = (page: number) =>
      dp.getList("partners", { pagination: { page, perPage: 2 }, sort: { field: "id", order: "ASC" }, filter: { q: "shop" } });

    const first = await list(1);
    expect(first.data.map((r) => r.id)).toEqual(["p1", "p2"]);
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
    const second = await list(2);
    expect(second.data.map((r) => r.id)).toEqual(["p3", "p4"]);
    expect(queries.at(-1)).toEqual({ q: "shop", limit: "2", cursor: "c2" });
    const third = await list(3);
    expect(third.data.map((r) => r.id)).toEqual(["p5"]);
    expect(third.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    expect(queries).toHaveLength(3); // each page fetched once, from its remembered cursor
  });

  it("walks forward to a page opened directly, and keeps cursors apart per filter", async () => {
    const queries = pagedPartners();
    const dp = createDataProvider();
    const third = await dp.getList("partners", {
      pagination: { page: 3, perPage: 2 },
      sort: { field: "id", order: "ASC" },
      filter: {},
    });
    expect(third.data.map((r) => r.id)).toEqual(["p5"]);
    expect(queries.map((q) => q.cursor ?? null)).toEqual([null, "c2", "c3"]);
    await dp.getList("partners", {
      pagination: { page: 2, perPage: 2 },
      sort: { field: "id", order: "ASC" },
      filter: { q: "x" },
    });
    expect(queries.slice(3).map((q) => q.cursor ?? null)).toEqual([null, "c2"]);
  });

  it("sends the queue's filters as the API names them", async () => {
    let query: Record<string, string> = {};
    server.use(
      http.get("*/v1/staff/applications", ({ request }) => {
        query = Object.fromEntries(new URL(request.url).searchParams);
        return HttpResponse.json({ data: [], next_cursor: null });
      }),
    );
    await createDataProvider().getList("applications", {
      pagination: { page: 1, perPage: 25 },
      sort: { field: "submitted_at", order: "ASC" },
      filter: {
        status: ["REVIEWING", "NEEDS_INFO"],
        entity_type: "NON_US",
        market: "US",
        q: "Bridge",
        submitted_from: "2026-11-01",
        submitted_to: "2026-11-24",
      },
    });
    expect(query).toEqual({
      status: "REVIEWING,NEEDS_INFO",
      entity_type: "NON_US",
      market: "US",
      q: "Bridge",
      submitted_from: "2026-11-01T00:00:00.000Z",
      submitted_to: "2026-11-24T23:59:59.999Z",
      limit: "25",
    });
  });

  it("reads a blank status filter as every status, not the API's default queue (Reviewing)", async () => {
    let query: Record<string, string> = {};
    server.use(
      http.get("*/v1/staff/applications", ({ request }) => {
        query = Object.fromEntries(new URL(request.url).searchParams);
        return HttpResponse.json({ data: [], next_cursor: null });
      }),
    );
    for (const status of [undefined, []]) {
      await createDataProvider().getList("applications", {
        pagination: { page: 1, perPage: 25 },
        sort: { field: "submitted_at", order: "ASC" },
        filter: status === undefined ? {} : { status },
      });
      expect(query.status?.split(",").sort()).toEqual(
        ["REVIEWING", "NEEDS_INFO", "APPROVED", "REJECTED", "WITHDRAWN", "REVOKED"].sort(),
      );
    }
  });

  it("turns the API's error envelope into an error with its message and status", async () => {
    server.use(http.post("*/v1/staff/applications/:id/approve", () => errorBody(403, "forbidden", "Analysts cannot decide.")));
    await expect(createDataProvider().approve("a1")).rejects.toMatchObject({ message: "Analysts cannot decide.", status: 403 });
  });

  it("sends the decision it is given, with its reason and an Idempotency-Key, whatever the statuses say", async () => {
    const sent: { path: string; body: unknown; key: string | null }[] = [];
    server.use(
      http.post("*/v1/staff/applications/:id/:action", async ({ request }) => {
        sent.push({
          path: new URL(request.url).pathname,
          body: await request.json().catch(() => null),
          key: request.headers.get("idempotency-key"),
        });
        return HttpResponse.json({ id: "a1", status: "NEEDS_INFO" });
      }),
    );
    const dp = createDataProvider();
    // request_info, though a status change alone could not tell it from reject.
    await dp.update("applications", {
      id: "a1",
      data: { decision: "request_info", status: "NEEDS_INFO", decision_reason: "Add the licence." },
      previousData: { id: "a1", status: "REVIEWING" },
    });
    expect(sent).toEqual([
      { path: "/v1/staff/applications/a1/request-info", body: { reason: "Add the licence." }, key: expect.any(String) },
    ]);
    await expect(
      dp.update("applications", { id: "a1", data: { status: "REJECTED" }, previousData: { id: "a1", status: "REVIEWING" } }),
    ).rejects.toThrow(/Name the decision/);
    expect(sent).toHaveLength(1);
  });

  it("reads click counts from the analytics API, and knows when a missing one means zero", async () => {
    server.use(
      http.get("*/v1/staff/analytics/funnel", ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect(q.get("group_by")).toBe("link");
        expect(q.get("service_id")).toBe("s1");
        return HttpResponse.json({ group_by: "link", data: [{ key: "l1", clicks: 7 }] });
      }),
    );
    expect(await createDataProvider().clicks("link", "s1")).toEqual({ counts: { l1: 7 }, complete: true });
  });
});
