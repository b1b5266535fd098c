import type { StaffRole } from "@shopreg/domain";
import { forgetSignedIn, mayBeSignedIn } from "@shopreg/web-api";
import type { AuthProvider } from "react-admin";
import { client, data } from "./client.ts";
import { TWO_FACTOR_PATH } from "./staff/paths.ts";
import { staffRoleLabel } from "./staff/roles.ts";

export type StaffUser = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  two_factor_enabled: boolean;
  disabled_at: string | null;
};

/** The API's answer to anything an admin without two-factor asks for, until they enrol. */
export const mustEnrol = (error: unknown) =>
  (error as { status?: number; code?: string } | null)?.status === 403 &&
  (error as { code?: string }).code === "two_factor_enrolment_required";

/**
 * Which screens a role sees. Decisions are not here: the API lists them per application in
 * allowed_actions, from the state machine in @shopreg/domain, and the dashboard shows those.
 */
export function screenAccess(role: StaffRole | undefined, action: string, resource: string): boolean {
  if (!role) return false;
  if (role === "admin") return true;
  if (resource === "staff-users") return false;
  return action === "list" || action === "show" || action === "export";
}

export function createAuthProvider(): AuthProvider {
  // One GET per page load, not per navigation; cleared on login, logout and 401.
  let session: Promise<StaffUser> | null = null;
  const current = () => {
    // No "signed in" cookie: nobody is, and asking would only log a 401 in the console.
    session ??= mayBeSignedIn("staff")
      ? data(client.GET("/v1/staff/session")).then((r) => r.user)
      : Promise.reject(Object.assign(new Error("Not signed in."), { status: 401 }));
    session.catch((e: { status?: number }) => {
      session = null;
      if (e?.status === 401) forgetSignedIn("staff");
    });
    return session;
  };

  return {
    // With two-factor on, the first try answers 401 two_factor_required; the page asks for the code
    // and calls this again with the same email and password and the code.
    async login({ username, email, password, code }) {
      session = null;
      const r = await data(
        client.POST("/v1/staff/session", {
          body: code ? { email: email ?? username, password, code } : { email: email ?? username, password },
        }),
      );
      session = Promise.resolve(r.user);
      if (r.user.two_factor_enabled) return;
      // Whether this user must have it is the API's to say (staff admins do).
      const status = await data(client.GET("/v1/staff/me/two-factor")).catch(() => ({ required: false }));
      if (status.required) return { redirectTo: TWO_FACTOR_PATH };
    },
    async logout() {
      session = null;
      await client.DELETE("/v1/staff/session").catch(() => undefined);
    },
    async checkAuth() {
      await current();
    },
    async checkError(error) {
      if (mustEnrol(error)) throw { redirectTo: TWO_FACTOR_PATH, logoutUser: false };
      if (error?.status === 401) {
        session = null;
        forgetSignedIn("staff");
        throw error;
      }
    },
    async getIdentity() {
      const u = await current();
      return { id: u.id, fullName: `${u.name} (${staffRoleLabel(u.role)})`, name: u.name, email: u.email, role: u.role };
    },
    async getPermissions() {
      return (await current()).role;
    },
    async canAccess({ action, resource }) {
      return screenAccess((await current().catch(() => undefined))?.role, action, resource);
    },
  };
}
