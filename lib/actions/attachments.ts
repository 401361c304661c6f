"use server";
import { addAttachment } from "@/lib/dal/items/attachments";
import { chosenFile, uploadTargetInput } from "./files";
import { formAction } from "./form";

export const uploadAttachmentAction = formAction(
  uploadTargetInput,
  async (actor, { id }, formData) => {
    await addAttachment(actor, id, await chosenFile(formData));
    return "attachments.uploaded";
  },
  { revalidate: "/items" },
);
