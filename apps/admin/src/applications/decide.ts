import { actionPath, type ReviewAction } from "@shopreg/domain";
import type { components } from "@shopreg/sdk";
import type { ApiClient } from "@shopreg/web-api";
import { client as dashboardClient, data } from "../client.ts";

type Application = components["schemas"]["Application"];

/**
 * Takes a staff decision: POST /v1/staff/applications/{id}/<action>, the operation the API derives
 * from the machine's row (with the reason when the row asks for one). The path is typed against the
 * API's document, so an action without its operation does not compile. Failures throw the SDK's
 * errors (their `code` is a catalogue code; errorText() words it).
 */
export function decide(
  id: string,
  action: ReviewAction,
  reason?: string | null,
  client: ApiClient = dashboardClient,
): Promise<Application> {
  const path = `/v1/staff/applications/{id}/${actionPath(action)}` as const;
  const body = reason ? { reason } : undefined;
  return data(client.POST(path, { params: { path: { id } }, body }));
}
