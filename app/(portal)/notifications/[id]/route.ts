// Opening a notification (from the list or from its e-mail): marks it read and goes to what it
// is about. Only one's own; anyone else's, or none, is "not found".
import { notFound, redirect } from "next/navigation";
import { DomainError } from "@/lib/dal/errors";
import { markRead } from "@/lib/dal/notifications";
import { currentActor } from "@/lib/dal/session";
import { parseRecordId } from "@/lib/http/record-id";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/login?next=${encodeURIComponent(`/notifications/${raw}`)}`);
  const id = parseRecordId(raw);
  if (id === null) notFound();
  let href: string | null;
  try {
    ({ href } = await markRead(actor, id));
  } catch (e) {
    if (e instanceof DomainError && (e.code === "notFound" || e.code === "signedOut")) notFound();
    throw e;
  }
  redirect(href ?? "/notifications");
}
