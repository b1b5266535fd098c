import { z } from "@hono/zod-openapi";

export const DEFAULT_DAYS = 90;
const DAY = 86_400_000;
const HOUR = 3_600_000;

export const DaysQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(400)
    .default(DEFAULT_DAYS)
    .openapi({ param: { name: "days", in: "query" }, description: "Days back from the end of the current hour." }),
});

/** The window a reviewer reads: `days` days up to the end of the current hour (the rollups' grain). */
export const windowOf = (now: Date, days: number) => {
  const to = new Date(Math.ceil(now.getTime() / HOUR) * HOUR);
  return { from: new Date(to.getTime() - days * DAY), to };
};
