import { getFormatter, getTranslations } from "next-intl/server";
import type { ReceiptBoard as Board } from "@/lib/dal/notices/queries";
import { RECEIPT_STATUSES } from "@/lib/domain/notices/receipts";
import { urgeNoticeAction } from "@/lib/actions/notices";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { InlineAction } from "@/components/ui/form";
import { Table, Td } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/styles";
import { ReceiptStatusBadge, STATUS_TONE } from "./badges";

/**
 * The sender's receipt board: counts on the current revision (own confirmations apart from
 * those given on someone's behalf), then each department with its sign-off and each person.
 */
export async function ReceiptBoard({ board, lastUrgedAt }: { board: Board; lastUrgedAt: Date | null }) {
  const [t, ts, tr, format] = await Promise.all([getTranslations("notices.receipts"), getTranslations("notices.status"), getTranslations("notices.replies"), getFormatter()]);
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "short", timeStyle: "short" }) : "—");
  const receiptOpen = board.state === "published" && board.receiptRequired && board.kind !== "announcement";
  const meeting = board.kind === "meeting";
  return (
    <Card
      title={t("title")}
      actions={
        <a href={`/notices/${board.noticeId}/board/export`} className={buttonClass("secondary")} data-testid="board-export">
          {t("export")}
        </a>
      }
    >
      <div data-testid="receipt-board" data-revision={board.revision}>
        <p className="mb-2 text-sm text-slate-600">{t("total", { n: board.counts.total })}</p>
        <ul className="mb-4 flex flex-wrap gap-2" aria-label={t("title")}>
          {RECEIPT_STATUSES.map((s) => (
            <li key={s} data-testid={`board-count-${s}`} data-count={board.counts[s]}>
              <Badge tone={STATUS_TONE[s]}>
                {ts(s)} <span className="ms-1 tabular-nums">{board.counts[s]}</span>
              </Badge>
            </li>
          ))}
        </ul>
        {receiptOpen && (
          <div className="mb-4 space-y-1" data-testid="notice-urge">
            <InlineAction action={urgeNoticeAction} fields={{ id: board.noticeId }} variant="primary">
              {t("urge")}
            </InlineAction>
            <p className="text-xs text-slate-500">{t("urgeHint")}</p>
            {lastUrgedAt && <p className="text-xs text-slate-500">{t("lastUrged", { at: when(lastUrgedAt) })}</p>}
          </div>
        )}
        {board.departments.length === 0 && <EmptyState>{t("empty")}</EmptyState>}
        <div className="space-y-5">
          {board.departments.map((d) => (
            <section key={d.departmentId} data-testid={`board-dept-${d.departmentId}`} aria-labelledby={`board-dept-${d.departmentId}-h`}>
              <h3 id={`board-dept-${d.departmentId}-h`} className="mb-1 flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-800">
                {d.name}
                <span className="text-xs font-normal text-slate-500">
                  {ts("confirmed")} {d.counts.confirmed}/{d.counts.total}
                  {d.counts.proxy_only > 0 && ` · ${ts("proxy_only")} ${d.counts.proxy_only}`}
                </span>
                <span className="text-xs font-normal" data-testid="board-dept-sign">
                  {d.signedAt ? <span className="text-green-700">{t("signedBy", { name: d.signedByName ?? "" })} · {when(d.signedAt)}</span> : <span className="text-slate-500">{t("notSigned")}</span>}
                </span>
              </h3>
              <Table head={[t("columns.name"), t("columns.status"), t("columns.read"), t("columns.confirmed"), t("columns.proxy"), ...(meeting ? [t("columns.reply")] : []), t("columns.urged")]} caption={d.name}>
                {d.people.map((p) => (
                  <tr key={p.userId} data-testid={`board-person-${p.userId}`} data-status={p.status}>
                    <Td>
                      <span className="font-medium">{p.name}</span>
                      {p.title && <span className="block text-xs text-slate-500">{p.title}</span>}
                    </Td>
                    <Td>
                      <ReceiptStatusBadge status={p.status} />
                    </Td>
                    <Td className="whitespace-nowrap text-xs">{when(p.readAt)}</Td>
                    <Td className="whitespace-nowrap text-xs" >
                      <span data-testid="board-own">
                        {when(p.confirmedAt)}
                        {p.confirmedAt && p.confirmedRevision !== board.revision && <span className="block text-amber-800">{t("ofRevision", { n: p.confirmedRevision ?? 0 })}</span>}
                      </span>
                    </Td>
                    <Td className="text-xs">
                      {p.proxyConfirmedAt ? (
                        <span className="text-amber-800" data-testid="board-proxy">
                          {t("proxyBy", { name: p.proxyConfirmedByName ?? "" })} · {when(p.proxyConfirmedAt)}
                          {p.proxyConfirmedRevision !== board.revision && <span className="block">{t("ofRevision", { n: p.proxyConfirmedRevision ?? 0 })}</span>}
                        </span>
                      ) : (
                        "—"
                      )}
                    </Td>
                    {meeting && (
                      <Td className="text-xs">
                        {p.reply ? (
                          <span data-testid="board-reply" data-reply={p.reply}>
                            {tr(p.reply)}
                            {p.substituteName && `：${p.substituteName}`}
                            {p.replyReason && <span className="block text-slate-600">{p.replyReason}</span>}
                            {p.repliedOnBehalf && <span className="block text-amber-800">{t("repliedBy", { name: p.repliedByName ?? "" })}</span>}
                          </span>
                        ) : (
                          "—"
                        )}
                      </Td>
                    )}
                    <Td className="whitespace-nowrap text-xs">{when(p.lastUrgedAt)}</Td>
                  </tr>
                ))}
              </Table>
            </section>
          ))}
        </div>
      </div>
    </Card>
  );
}
