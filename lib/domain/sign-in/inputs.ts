// Inputs of the sign-in settings and identity forms (validated at the action boundary).
import { z } from "zod";
import { MAX_INT, wholeNumber } from "../input-kit";

const id = wholeNumber(1, MAX_INT);
/** A version the reader saw; 0 for a setting that was never saved. */
const seenVersion = wholeNumber(0, MAX_INT);

export const passwordSignInInput = z.object({
  version: seenVersion,
  enabled: z.enum(["true", "false"], { error: "errors.invalid" }).transform((v) => v === "true"),
});

export const removeIdentityInput = z.object({
  id,
  version: id,
  identityId: id,
});
