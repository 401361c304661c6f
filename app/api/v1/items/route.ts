// GET /api/v1/items: the ledger the caller may see, newest first, keyset-paged.
// POST /api/v1/items: registers an item (and, with a proposal from an office token, puts it
// before the routed leader), as the registration form does.
import { proposeItem, registerItem } from "@/lib/dal/items/commands";
import { isOffice } from "@/lib/dal/items/context";
import { getItem, ledger } from "@/lib/dal/items/queries";
import { DomainError } from "@/lib/dal/errors";
import type { ItemRegisterInput } from "@/lib/domain/items/inputs";
import { itemDetailJson, itemSummaryJson } from "@/lib/api/dto";
import { endpoint, json, parseWith, queryOf, readJson } from "@/lib/api/http";
import { itemCreateBody, itemListQuery, type ItemCreateBody } from "@/lib/api/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = endpoint("items:read", async ({ request, actor }) => {
  const query = parseWith(itemListQuery, queryOf(request));
  const rows = await ledger(actor, { state: query.state, overdue: query.overdue || undefined, q: query.q }, { before: query.cursor ? Number(query.cursor) : undefined, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return json({ data: page.map(itemSummaryJson), nextCursor: rows.length > query.limit ? String(page[page.length - 1].id) : null });
});

/** The API's JSON to the input the data layer takes from the registration form. */
function toRegisterInput(body: ItemCreateBody): ItemRegisterInput {
  const supportDue: Record<number, string> = {};
  for (const [dept, due] of Object.entries(body.supportDue)) if (body.supportDepartmentIds.includes(Number(dept))) supportDue[Number(dept)] = due;
  return {
    title: body.title,
    body: body.body,
    source: body.source,
    urgency: body.urgency,
    major: body.major,
    leadDepartmentId: body.leadDepartmentId,
    supportDepartmentIds: [...new Set(body.supportDepartmentIds)],
    dueOn: body.dueOn ?? null,
    dueInWorkingDays: body.dueOn ? null : (body.dueInWorkingDays ?? null),
    proposal: body.proposal || null,
    supportDue,
  };
}

export const POST = endpoint("items:write", async ({ request, actor }) => {
  const input = toRegisterInput(parseWith(itemCreateBody, await readJson(request)));
  const { id } = await registerItem(actor, input);
  // Two steps, as on the form: a failed proposal leaves a valid draft the office can propose later.
  let proposal: { status: "proposed" | "failed"; code?: string } | null = null;
  if (input.proposal && isOffice(actor)) {
    try {
      await proposeItem(actor, id, 1, input.proposal);
      proposal = { status: "proposed" };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      proposal = { status: "failed", code: e.code };
    }
  }
  const item = await getItem(actor, id);
  return json({ item: itemDetailJson(item), proposal }, 201, { Location: `/api/v1/items/${id}` });
});
