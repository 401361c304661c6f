import { readNoticeAttachment } from "@/lib/dal/notices/attachments";
import { serveAttachment } from "@/lib/http/attachment-response";

/** Downloads a notice's attachment; the data layer checks that the reader may see the notice. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; attachmentId: string }> }) {
  return serveAttachment(params, readNoticeAttachment);
}
