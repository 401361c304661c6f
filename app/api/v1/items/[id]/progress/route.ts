// POST /api/v1/items/{id}/progress: the caller's department reports progress, against the
// version it last read (409 conflict when the item changed since).
import { reportProgress } from "@/lib/dal/items/commands";
import { endpoint, json, parseWith, readJson } from "@/lib/api/http";
import { idParam, progressBody, progressResult } from "@/lib/api/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = endpoint<{ id: string }>("items:write", async ({ request, actor, params }) => {
  const id = parseWith(idParam, params.id);
  const body = parseWith(progressBody, await readJson(request));
  const result = await reportProgress(actor, id, body.version, body.note, body.partDone);
  return json(progressResult.parse({ id, ...result }));
});
