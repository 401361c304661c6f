// Inputs of the sign-in settings and identity forms (validated at the action boundary).
import { z } from "zod";

const id = z.coerce.number({ error: "errors.invalid" }).int({ error: "errors.invalid" }).positive({ error: "errors.invalid" });
/** A version the reader saw; 0 for a setting that was never saved. */
const seenVersion = z.coerce.number({ error: "errors.invalid" }).int({ error: "errors.invalid" }).min(0, { error: "errors.invalid" });

export const passwordSignInInput = z.object({
  version: seenVersion,
  enabled: z.enum(["true", "false"], { error: "errors.invalid" }).transform((v) => v === "true"),
});

export const removeIdentityInput = z.object({
  id,
  version: id,
  identityId: id,
});
