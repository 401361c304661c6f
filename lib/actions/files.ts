// Files chosen in a form, read for the data layer (which checks their size and type itself).
import "server-only";
import { z } from "zod";
import { positiveId } from "@/lib/domain/input-kit";
import { DomainError } from "@/lib/dal/errors";
import type { UploadFile } from "@/lib/dal/notices/attachments";

/** The hidden field of an upload form: the record the file is added to. */
export const uploadTargetInput = z.object({ id: positiveId });

/** The one file chosen in `field`; none (or an empty one) is refused at that field. */
export async function chosenFile(formData: FormData, field = "file"): Promise<UploadFile> {
  const file = formData.get(field);
  if (!(file instanceof File) || file.size === 0) throw new DomainError("file_empty", field);
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** The files chosen in a form's `field` (empty pickers send a nameless empty file). */
export async function chosenFiles(formData: FormData, field: string): Promise<UploadFile[]> {
  const out: UploadFile[] = [];
  for (const f of formData.getAll(field)) {
    // An empty picker arrives as a 0-byte part named "", "blob" or "undefined" depending on the
    // browser and the encoder; a 0-byte file the person really chose keeps its name and is refused.
    if (!(f instanceof File)) continue;
    const picked = f.size > 0 || (f.name !== "" && f.name !== "blob" && f.name !== "undefined");
    if (picked) out.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  return out;
}
