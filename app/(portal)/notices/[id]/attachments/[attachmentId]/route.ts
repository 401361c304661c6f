import { currentActor } from "@/lib/dal/session";
import { readNoticeAttachment } from "@/lib/dal/notices/attachments";
import { DomainError } from "@/lib/dal/errors";

/** Downloads a notice's attachment; the data layer checks that the reader may see the notice. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; attachmentId: string }> }) {
  const { id, attachmentId } = await params;
  const actor = await currentActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  try {
    const file = await readNoticeAttachment(actor, Number(id), Number(attachmentId));
    return new Response(Buffer.from(file.bytes), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (e instanceof DomainError) return Response.json({ error: "notFound" }, { status: 404 });
    throw e;
  }
}
