import type { Actor } from "./application.ts";
import { type Machine, transition } from "./state-machine.ts";

export const SERVICE_TYPES = ["CUSTOM", "PUBLIC"] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
/** Public services are shown in the product but not available yet. */
export const AVAILABLE_SERVICE_TYPES: readonly ServiceType[] = ["CUSTOM"];

export const SERVICE_STATUSES = ["DRAFT", "ON", "OFF"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const SERVICE_ACTIONS = ["create", "publish", "deactivate", "force_off"] as const;
export type ServiceAction = (typeof SERVICE_ACTIONS)[number];

/** The service lifecycle (docs/architecture.md). force_off is what an application's revocation does to each of its services. */
export const serviceMachine: Machine<ServiceStatus, ServiceAction, Actor> = {
  entity: "service",
  transitions: [
    { from: null, action: "create", to: "DRAFT", actors: ["partner"] },
    { from: "DRAFT", action: "publish", to: "ON", actors: ["partner"] },
    { from: "ON", action: "deactivate", to: "OFF", actors: ["partner"] },
    { from: "OFF", action: "publish", to: "ON", actors: ["partner"] },
    { from: "ON", action: "force_off", to: "OFF", actors: ["admin"] },
  ],
};

export const applyServiceAction = (from: ServiceStatus | null, action: ServiceAction, actor: Actor) =>
  transition(serviceMachine, from, action, actor);

export const SERVICE_STATUS_LABELS: Record<ServiceStatus, { en: string; zh: string }> = {
  DRAFT: { en: "Draft", zh: "草稿" },
  ON: { en: "On", zh: "已开启" },
  OFF: { en: "Off", zh: "已关闭" },
};
