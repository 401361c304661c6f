import { z } from "zod";
import { wholeNumber } from "../input-kit";

/** Marking one notification read: its id (a bigint, within JavaScript's safe range). */
export const markReadInput = z.object({
  id: wholeNumber(1, Number.MAX_SAFE_INTEGER, "errors.required"),
});
