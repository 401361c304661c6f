import { readAttachment } from "@/lib/dal/items/attachments";
import { serveAttachment } from "@/lib/http/attachment-response";

/** Downloads an attachment; the data layer checks that the reader may see its item. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; attachmentId: string }> }) {
  return serveAttachment(params, readAttachment);
}
