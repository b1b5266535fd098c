// react-admin's default CSV exporter imports jsonexport up front; every list here says exporter={false},
// so it loads only if an export ever runs.
type Callback = (error: Error | null, csv: string) => void;

export default function jsonExport(data: unknown, ...rest: unknown[]) {
  // @ts-expect-error: aliased in vite.config.ts to the real file (not a dependency of this app).
  void import("jsonexport-real").then((m: { default: (d: unknown, ...r: unknown[]) => void }) => m.default(data, ...rest));
}
export type { Callback };
