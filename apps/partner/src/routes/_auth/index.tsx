import { createFileRoute, redirect } from "@tanstack/react-router";
import { homeOf } from "../../lib/scopes.ts";

export const Route = createFileRoute("/_auth/")({
  beforeLoad: ({ context }) => {
    throw redirect({ to: homeOf(context.session) });
  },
});
