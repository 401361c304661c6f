"use server";
import { z } from "zod";
import { addAttachment } from "@/lib/dal/items/attachments";
import { DomainError } from "@/lib/dal/errors";
import { formAction } from "./form";

const uploadInput = z.object({ id: z.coerce.number().int().positive() });

export const uploadAttachmentAction = formAction(
  uploadInput,
  async (actor, { id }, formData) => {
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw new DomainError("file_empty", "file");
    await addAttachment(actor, id, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return "attachments.uploaded";
  },
  { revalidate: "/items" },
);
