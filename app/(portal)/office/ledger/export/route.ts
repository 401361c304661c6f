// The ledger exactly as filtered on the page, as an .xlsx file. The person is checked again
// here (a route handler is reachable without the page), and every row comes through ledger(),
// so the file holds no item its reader could not open.
import { NextResponse, type NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/dal/session";
import { ledger, type ItemSummary } from "@/lib/dal/items/queries";
import { homesFor } from "@/lib/domain/roles";
import { today } from "@/lib/clock";
import { appConfig } from "@/lib/config";
import { writeXlsx } from "@/lib/xlsx";
import { xlsxResponse } from "@/lib/http/xlsx-response";
import { isoDayIn } from "@/components/item-lists/format";
import { parseLedgerParams } from "../filters";

const BATCH = 500;
// One sheet holds 1,048,576 rows, the header included.
const MAX_ROWS = 1_048_575;

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const actor = await currentActor();
  if (!actor) return NextResponse.json({ error: "signedOut" }, { status: 401 });
  if (!homesFor(actor.roles).includes("office")) return NextResponse.json({ error: "forbidden" }, { status: 403 });

  const { filter } = parseLedgerParams(request.nextUrl.searchParams);
  const rows: ItemSummary[] = [];
  // The same order as the page: newest first, or by due date; each batch continues after the last.
  let before: number | undefined;
  let after: { dueOn: string; id: number } | undefined;
  for (;;) {
    const page = await ledger(actor, filter, { before, after, limit: BATCH });
    rows.push(...page);
    if (page.length < BATCH || rows.length >= MAX_ROWS) break;
    const last = page[page.length - 1];
    if (filter.sort === "due") after = { dueOn: last.dueOn, id: last.id };
    else before = last.id;
  }

  const t = await getTranslations("itemLists");
  const on = today();
  const yes = t("export.yes");
  const file = writeXlsx({
    name: t("export.sheet"),
    columns: [
      { header: t("ledger.columns.number"), width: 16 },
      { header: t("ledger.columns.title"), width: 48 },
      { header: t("ledger.columns.state"), width: 14 },
      { header: t("ledger.columns.urgency"), width: 10 },
      { header: t("export.major"), width: 8 },
      { header: t("ledger.columns.lead"), width: 16 },
      { header: t("ledger.columns.leader"), width: 12 },
      { header: t("ledger.columns.due"), width: 12 },
      { header: t("export.overdue"), width: 8 },
      { header: t("ledger.columns.created"), width: 12 },
    ],
    rows: rows.slice(0, MAX_ROWS).map((r) => [
      r.number,
      r.title,
      t(`states.${r.state}`),
      t(`urgency.${r.urgency}`),
      r.major ? yes : "",
      r.leadDepartmentName,
      r.routedLeaderName ?? "",
      { date: r.dueOn },
      r.overdue ? yes : "",
      { date: isoDayIn(r.createdAt, appConfig.timeZone) },
    ]),
  });

  return xlsxResponse(file, { name: t("export.filename", { date: on }), asciiName: `ledger-${on}.xlsx` });
}
