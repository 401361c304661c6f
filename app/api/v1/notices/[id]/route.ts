// GET /api/v1/notices/{id}: a notice the caller may see, with their own receipt and — for those
// who manage it — everyone's receipts. Reading through the API does not mark it read: only a
// person opening it in the portal does.
import { getNotice, receiptBoard } from "@/lib/dal/notices/queries";
import { noticeDetailJson } from "@/lib/api/dto";
import { endpoint, json, parseWith } from "@/lib/api/http";
import { idParam } from "@/lib/api/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = endpoint<{ id: string }>("notices:read", async ({ actor, params }) => {
  const id = parseWith(idParam, params.id);
  const notice = await getNotice(actor, id);
  const board = notice.manages ? await receiptBoard(actor, id) : null;
  return json(noticeDetailJson(notice, board));
});
