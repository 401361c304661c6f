// GET /api/v1/items/{id}: one item the caller may see (else 404, as for a missing one).
import { getItem } from "@/lib/dal/items/queries";
import { itemDetailJson } from "@/lib/api/dto";
import { endpoint, json, parseWith } from "@/lib/api/http";
import { idParam } from "@/lib/api/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = endpoint<{ id: string }>("items:read", async ({ actor, params }) => {
  const item = await getItem(actor, parseWith(idParam, params.id));
  return json(itemDetailJson(item));
});
