import { z } from "zod";

/** Marking one notification read: its id (a bigint, within JavaScript's safe range). */
export const markReadInput = z.object({
  id: z.coerce.number({ error: "errors.required" }).int({ error: "errors.required" }).positive({ error: "errors.required" }).max(Number.MAX_SAFE_INTEGER, { error: "errors.required" }),
});
