// The receipt board as an .xlsx file, for those who manage the notice. The person is checked
// again here (a route handler is reachable without the page), and every row comes through
// receiptBoard(), so the file holds exactly what the board shows them.
import { NextResponse, type NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/dal/session";
import { DomainError } from "@/lib/dal/errors";
import { receiptBoard } from "@/lib/dal/notices/queries";
import { localDateTime } from "@/lib/domain/notices/deadline";
import { today } from "@/lib/clock";
import { appConfig } from "@/lib/config";
import { writeXlsx } from "@/lib/xlsx";
import { xlsxResponse } from "@/lib/http/xlsx-response";

export const dynamic = "force-dynamic";

export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return NextResponse.json({ error: "signedOut" }, { status: 401 });
  const id = Number((await params).id);
  let board;
  try {
    board = await receiptBoard(actor, id);
  } catch (e) {
    if (e instanceof DomainError && e.code === "forbidden") return NextResponse.json({ error: "forbidden" }, { status: 403 });
    if (e instanceof DomainError) return NextResponse.json({ error: "notFound" }, { status: 404 });
    throw e;
  }

  const [t, ts, tr] = await Promise.all([getTranslations("notices.export"), getTranslations("notices.status"), getTranslations("notices.replies")]);
  const at = (d: Date | null) => (d ? localDateTime(d, appConfig.timeZone).replace("T", " ") : "");
  const rows = board.departments.flatMap((d) =>
    d.people.map((p) => [
      d.name,
      p.name,
      p.title ?? "",
      ts(p.status),
      at(p.deliveredAt),
      at(p.readAt),
      at(p.confirmedAt),
      p.confirmedRevision ?? "",
      p.proxyConfirmedByName ?? "",
      at(p.proxyConfirmedAt),
      p.reply ? tr(p.reply) : "",
      p.substituteName ?? "",
      p.replyReason ?? "",
      p.repliedByName ?? "",
      d.signedAt ? `${d.signedByName ?? ""} ${at(d.signedAt)}` : "",
    ]),
  );
  const file = writeXlsx({
    name: t("sheet"),
    columns: [
      { header: t("department"), width: 14 },
      { header: t("name"), width: 10 },
      { header: t("jobTitle"), width: 14 },
      { header: t("status"), width: 18 },
      { header: t("delivered"), width: 17 },
      { header: t("read"), width: 17 },
      { header: t("confirmed"), width: 17 },
      { header: t("confirmedRevision"), width: 8 },
      { header: t("proxy"), width: 10 },
      { header: t("proxyAt"), width: 17 },
      { header: t("reply"), width: 12 },
      { header: t("substitute"), width: 10 },
      { header: t("reason"), width: 24 },
      { header: t("repliedBy"), width: 10 },
      { header: t("departmentSigned"), width: 24 },
    ],
    rows,
  });

  const on = today();
  const title = board.title.replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 40);
  return xlsxResponse(file, { name: t("filename", { title, date: on }), asciiName: `receipts-${board.noticeId}-${on}.xlsx` });
}
