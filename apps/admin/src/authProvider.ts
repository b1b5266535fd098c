import type { StaffRole } from "@shopreg/domain";
import type { AuthProvider } from "react-admin";
import { apiFetch } from "./api.ts";

export type StaffUser = { id: string; email: string; name: string; role: StaffRole; disabled_at: string | null };

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
    session ??= apiFetch<{ user: StaffUser }>("/staff/session").then((r) => r.user);
    session.catch(() => {
      session = null;
    });
    return session;
  };

  return {
    async login({ username, email, password }) {
      session = null;
      const r = await apiFetch<{ user: StaffUser }>("/staff/session", {
        method: "POST",
        body: { email: email ?? username, password },
      });
      session = Promise.resolve(r.user);
    },
    async logout() {
      session = null;
      await apiFetch("/staff/session", { method: "DELETE" }).catch(() => undefined);
    },
    async checkAuth() {
      await current();
    },
    async checkError(error) {
      if (error?.status === 401) {
        session = null;
        throw error;
      }
    },
    async getIdentity() {
      const u = await current();
      return { id: u.id, fullName: `${u.name} (${u.role})`, email: u.email, role: u.role };
    },
    async getPermissions() {
      return (await current()).role;
    },
    async canAccess({ action, resource }) {
      return screenAccess((await current().catch(() => undefined))?.role, action, resource);
    },
  };
}
