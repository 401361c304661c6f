// GET /api/v1/notices: notices sent to the caller (box=received), those the caller manages
// (box=sent) or the announcements board (box=board).
import { myNotices, noticeBoard, sentNotices } from "@/lib/dal/notices/queries";
import { noticeSummaryJson } from "@/lib/api/dto";
import { endpoint, json, parseWith, queryOf } from "@/lib/api/http";
import { noticeListQuery } from "@/lib/api/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = endpoint("notices:read", async ({ request, actor }) => {
  const { box, limit } = parseWith(noticeListQuery, queryOf(request));
  const rows = box === "sent" ? await sentNotices(actor, { limit }) : box === "board" ? await noticeBoard(actor, { limit }) : await myNotices(actor, { limit });
  return json({ data: rows.map(noticeSummaryJson) });
});
