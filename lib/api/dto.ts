// Data-layer DTOs to the API's JSON: dates as ISO strings, then parsed through the response
// schema, which keeps only the declared fields.
import "server-only";
import type { DepartmentDto } from "@/lib/dal/departments";
import type { ItemDetail, ItemSummary } from "@/lib/dal/items/queries";
import type { MyNoticeSummary, NoticeDetail, NoticeSummary, ReceiptBoard, SentNoticeSummary } from "@/lib/dal/notices/queries";
import type { UserDto } from "@/lib/dal/users";
import * as S from "./schemas";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function itemSummaryJson(i: ItemSummary) {
  return S.itemSummary.parse({ ...i, createdAt: iso(i.createdAt) });
}

/** The one line a timeline entry says in words, when it has one. */
function noteOf(data: Record<string, unknown>): string | null {
  for (const key of ["note", "instruction", "proposal"]) if (typeof data[key] === "string" && data[key]) return data[key] as string;
  return null;
}

export function itemDetailJson(i: ItemDetail) {
  return S.itemDetail.parse({
    ...i,
    createdAt: iso(i.createdAt),
    departments: i.departments.map((d) => ({ ...d, signedAt: isoOrNull(d.signedAt), completedAt: isoOrNull(d.completedAt) })),
    timeline: i.events.map((e) => ({ at: iso(e.at), action: e.action, actorName: e.actorName, onBehalfOfName: e.onBehalfOfName, note: noteOf(e.data) })),
  });
}

function noticeSummaryFields(n: NoticeSummary) {
  return { ...n, publishedAt: iso(n.publishedAt), revisedAt: isoOrNull(n.revisedAt), receiptDueAt: isoOrNull(n.receiptDueAt) };
}

export function noticeSummaryJson(n: NoticeSummary | MyNoticeSummary | SentNoticeSummary) {
  return S.noticeSummary.parse(noticeSummaryFields(n));
}

type ReceiptLike = {
  deliveredAt: Date;
  readAt: Date | null;
  confirmedAt: Date | null;
  proxyConfirmedAt: Date | null;
  repliedAt: Date | null;
};
const receiptDates = <R extends ReceiptLike>(r: R) => ({
  ...r,
  deliveredAt: iso(r.deliveredAt),
  readAt: isoOrNull(r.readAt),
  confirmedAt: isoOrNull(r.confirmedAt),
  proxyConfirmedAt: isoOrNull(r.proxyConfirmedAt),
  repliedAt: isoOrNull(r.repliedAt),
});

export function noticeDetailJson(n: NoticeDetail, board: ReceiptBoard | null) {
  return S.noticeDetail.parse({
    ...noticeSummaryFields(n),
    withdrawnAt: isoOrNull(n.withdrawnAt),
    mine: n.mine ? receiptDates(n.mine) : null,
    receipts: board
      ? {
          counts: board.counts,
          departments: board.departments.map((d) => ({
            ...d,
            signedAt: isoOrNull(d.signedAt),
            people: d.people.map((p) => receiptDates({ ...p, repliedAt: null })),
          })),
        }
      : null,
  });
}

export function departmentJson(d: DepartmentDto) {
  return S.department.parse(d);
}

/** A person: e-mail only for an admin's token (the directory rule of the data layer decides the rest). */
export function userJson(u: UserDto, withEmail: boolean) {
  const { email, ...rest } = u;
  return S.user.parse(withEmail ? { ...rest, email } : rest);
}
