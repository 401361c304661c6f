// The download route of every record kind's files. It holds no data access of its own: each route
// passes its kind's reader from the data layer, which checks that the reader may see the record.
import { currentActor } from "@/lib/dal/session";
import { DomainError } from "@/lib/dal/errors";
import type { Actor } from "@/lib/dal/actor";
import { attachmentDisposition } from "./content-disposition";
import { parseRecordId } from "./record-id";

export type StoredFile = { name: string; contentType: string; bytes: Uint8Array };

type Params = Promise<{ id: string; attachmentId: string }>;

const notFound = () => Response.json({ error: "notFound" }, { status: 404 });

/**
 * The file as a download. The header's plain `filename` is a fixed ASCII stand-in; the real (often
 * Chinese) name goes in `filename*`. nosniff and no-store: an upload is never run as a page, and a
 * shared cache never keeps someone's file.
 */
export function attachmentResponse(file: StoredFile): Response {
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentDisposition(file.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * GET `/<kind>/<id>/attachments/<attachmentId>`: 401 when signed out; 404 for a malformed id and for
 * any refusal of the data layer (missing and invisible look the same); otherwise the file.
 */
export async function serveAttachment(params: Params, read: (actor: Actor, recordId: number, attachmentId: number) => Promise<StoredFile>): Promise<Response> {
  const { id, attachmentId } = await params;
  const actor = await currentActor();
  if (!actor) return Response.json({ error: "signedOut" }, { status: 401 });
  const [recordId, fileId] = [parseRecordId(id), parseRecordId(attachmentId)];
  if (recordId === null || fileId === null) return notFound();
  try {
    return attachmentResponse(await read(actor, recordId, fileId));
  } catch (e) {
    if (e instanceof DomainError) return notFound();
    throw e;
  }
}
