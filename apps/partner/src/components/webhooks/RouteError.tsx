import { useRouter } from "@tanstack/react-router";
import { ErrorState } from "../states.tsx";

/** A loader's failure; Try again runs the loaders again (resetting the boundary alone would not). */
export function RouteError({ error }: { error: unknown }) {
  const router = useRouter();
  return <ErrorState error={error} onRetry={() => router.invalidate()} />;
}
