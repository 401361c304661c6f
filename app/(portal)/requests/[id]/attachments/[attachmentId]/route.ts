import { readRequestAttachment } from "@/lib/dal/requests/attachments";
import { serveAttachment } from "@/lib/http/attachment-response";

/** Downloads a request's attachment; the data layer checks that the reader may see the request. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; attachmentId: string }> }) {
  return serveAttachment(params, readRequestAttachment);
}
