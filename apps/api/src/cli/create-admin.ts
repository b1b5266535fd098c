import { findUserByEmail, insertUser, newId } from "@shopreg/db";
import { email as emailSchema, password as passwordSchema } from "@shopreg/domain";
import { hashPassword } from "../auth/secrets.ts";
import { audit } from "../usecases/audit.ts";
import { connect, requireCurrentSchema } from "./database.ts";
import { CliError, type Command, UsageError } from "./io.ts";

export const createAdmin: Command = {
  name: "create-admin",
  summary: "create the first staff admin (the password is read from a prompt or stdin)",
  help: `Usage: shopreg create-admin --email <address> [--name <name>] [--another]

Creates a staff admin who signs in to the reviewer dashboard. The password is asked twice at a
prompt, or read from stdin when stdin is not a terminal (e.g. \`printf %s "$PW" | shopreg create-admin ...\`);
it follows the same rules as every password (10 to 200 characters). Refuses when an admin already
exists, unless --another. Staff admins turn on two-factor at their first sign-in before they can act
(STAFF_ADMIN_TWO_FACTOR=required, the default).

Environment: DATABASE_URL (or SHOPREG_DATA_DIR). Run \`shopreg migrate\` first on a new database.`,
  options: { email: { type: "string" }, name: { type: "string" }, another: { type: "boolean" } },
  async run({ values }, io) {
    if (typeof values.email !== "string") throw new UsageError("--email is required.");
    const email = emailSchema.safeParse(values.email);
    if (!email.success) throw new CliError(`--email: ${email.error.issues[0]?.message ?? "not a valid address"}`);
    const name = typeof values.name === "string" && values.name.trim() ? values.name.trim() : "Administrator";
    if (name.length > 200) throw new CliError("--name: use at most 200 characters.");

    const handle = await connect(io);
    try {
      await requireCurrentSchema(handle);
      const existing = await handle.db.selectFrom("users").select("email").where("role", "=", "admin").execute();
      if (existing.length > 0 && !values.another)
        throw new CliError(
          `An admin already exists (${existing.map((u) => u.email).join(", ")}); pass --another to create one more.`,
        );
      if (await findUserByEmail(handle.db, email.data))
        throw new CliError(`A user with the address ${email.data} already exists.`);

      const password = passwordSchema.safeParse(await io.readSecret(`Password for ${email.data}: `, { confirm: true }));
      if (!password.success) throw new CliError(`password: ${password.error.issues[0]?.message}`);
      const passwordHash = await hashPassword(password.data);
      const clock = () => new Date();
      const user = await handle.db.transaction().execute(async (trx) => {
        // Checked again inside the transaction: the unique index on email settles a race.
        const u = await insertUser(trx, {
          id: newId(),
          partner_id: null,
          email: email.data,
          name,
          role: "admin",
          password_hash: passwordHash,
          created_at: clock(),
        });
        await audit(
          trx,
          { clock, requestId: "cli:create-admin" },
          {
            actor_type: "system",
            actor_id: null,
            actor_label: "shopreg create-admin",
            partner_id: null,
            entity_type: "staff_user",
            entity_id: u.id,
            action: "create",
            to_status: "ACTIVE",
            data: { role: "admin" },
          },
        );
        return u;
      });
      io.out(`create-admin: created admin ${user.email} (${user.id}).`);
      io.out("Sign in to the reviewer dashboard; it asks you to turn on two-factor before anything else.");
      return 0;
    } finally {
      await handle.close();
    }
  },
};
