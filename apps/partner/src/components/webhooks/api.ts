import type { components } from "@shopreg/sdk";
import { queryOptions } from "@tanstack/react-query";
import { client, data } from "../../lib/api.ts";
import { everything, PAGE_SIZE } from "../../lib/queries.ts";

type Schemas = components["schemas"];
export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type WebhookEndpointWithSecret = Schemas["WebhookEndpointWithSecret"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type DeliveryStatus = WebhookDelivery["status"];
export type SubscribableEvent = WebhookEndpoint["event_types"][number];

export const webhookEndpointsQuery = queryOptions({
  queryKey: ["webhook-endpoints"],
  queryFn: () =>
    everything((cursor) => data(client.GET("/v1/webhook-endpoints", { params: { query: { limit: PAGE_SIZE, cursor } } }))),
});

export const webhookEndpointQuery = (id: string) =>
  queryOptions({
    queryKey: ["webhook-endpoints", id],
    queryFn: () => data(client.GET("/v1/webhook-endpoints/{id}", { params: { path: { id } } })),
  });

/** The delivery log pages by cursor (newest first); one page per cursor. */
export const DELIVERY_PAGE = 20;
export const deliveriesQuery = (id: string, status: DeliveryStatus | undefined, cursor: string | undefined) =>
  queryOptions({
    queryKey: ["webhook-endpoints", id, "deliveries", status ?? "all", cursor ?? ""],
    queryFn: () =>
      data(
        client.GET("/v1/webhook-endpoints/{id}/deliveries", {
          params: { path: { id }, query: { limit: DELIVERY_PAGE, cursor, status } },
        }),
      ),
  });
