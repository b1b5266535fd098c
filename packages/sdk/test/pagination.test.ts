import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { NotFoundError, Page } from "../src/index.ts";
import { apiError, BASE, client, rejection, server, useMsw } from "./msw.ts";

useMsw();

/** Seven services served three per page, recording each request's query. */
function pagedServices() {
  const all = Array.from({ length: 7 }, (_, i) => ({ id: `svc_${i + 1}`, status: "ON" }));
  const queries: Record<string, string>[] = [];
  server.use(
    http.get(`${BASE}/v1/services`, ({ request }) => {
      const q = Object.fromEntries(new URL(request.url).searchParams);
      queries.push(q);
      const start = q.cursor ? Number(q.cursor.replace("c", "")) : 0;
      const limit = Number(q.limit ?? 3);
      const end = start + limit;
      return HttpResponse.json({ data: all.slice(start, end), next_cursor: end < all.length ? `c${end}` : null });
    }),
  );
  return { all, queries };
}

describe("list pagination", () => {
  it("for await walks every page, passing next_cursor back as cursor", async () => {
    const { all, queries } = pagedServices();
    const ids: string[] = [];
    for await (const s of client().services.list({ limit: 3, status: "ON" })) ids.push(s.id);
    expect(ids).toEqual(all.map((s) => s.id));
    expect(queries).toEqual([
      { limit: "3", status: "ON" },
      { limit: "3", status: "ON", cursor: "c3" },
      { limit: "3", status: "ON", cursor: "c6" },
    ]);
  });

  it("await gives a single page, and getNextPage the next", async () => {
    const { queries } = pagedServices();
    const page = await client().services.list({ limit: 3 });
    expect(page).toBeInstanceOf(Page);
    expect(page.data.map((s) => s.id)).toEqual(["svc_1", "svc_2", "svc_3"]);
    expect(page.next_cursor).toBe("c3");
    expect(page.hasNextPage()).toBe(true);
    const second = await page.getNextPage();
    expect(second.data.map((s) => s.id)).toEqual(["svc_4", "svc_5", "svc_6"]);
    const last = await second.getNextPage();
    expect(last.hasNextPage()).toBe(false);
    await expect(last.getNextPage()).rejects.toThrow(/last page/);
    expect(queries).toHaveLength(3);
  });

  it("a page iterates from itself to the end; toArray collects everything", async () => {
    const { queries } = pagedServices();
    const page = await client().services.list({ limit: 5 });
    const rest: string[] = [];
    for await (const s of await page.getNextPage()) rest.push(s.id);
    expect(rest).toEqual(["svc_6", "svc_7"]);
    expect((await client().services.list({ limit: 2 }).toArray()).length).toBe(7);
    expect(queries.length).toBe(2 + 4);
  });

  it("fetches the first page once when it is both awaited and iterated", async () => {
    const { queries } = pagedServices();
    const list = client().services.list({ limit: 10 });
    const page = await list;
    const ids: string[] = [];
    for await (const s of list) ids.push(s.id);
    expect(page.data).toHaveLength(7);
    expect(ids).toHaveLength(7);
    expect(queries).toHaveLength(1);
  });

  it("an error on a later page surfaces from the loop", async () => {
    server.use(
      http.get(`${BASE}/v1/applications`, ({ request }) =>
        new URL(request.url).searchParams.get("cursor")
          ? HttpResponse.json(apiError("not_found", "cursor expired"), { status: 404 })
          : HttpResponse.json({ data: [{ id: "app_1" }], next_cursor: "c1" }),
      ),
    );
    const seen: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const a of client().applications.list()) seen.push(a.id);
      })(),
    );
    expect(seen).toEqual(["app_1"]);
    expect(err).toBeInstanceOf(NotFoundError);
  });
});
