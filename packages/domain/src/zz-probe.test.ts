import { test } from "vitest";
import { z } from "zod";
import { email } from "./schemas.ts";
test("p", () => {
  const a = z.string().trim().toLowerCase().check(z.email("Enter a valid email address.")).max(320);
  for (const v of [" Bob@X.com ", "Bob@X.com", "nope", ""]) {
    console.log(JSON.stringify(v), email.safeParse(v).success, JSON.stringify(a.safeParse(v)));
  }
  console.log(JSON.stringify(z.toJSONSchema(email, {io: "input"})), JSON.stringify(z.toJSONSchema(a, {io:"input"})));
});
