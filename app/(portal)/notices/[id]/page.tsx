import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { loadOr404 } from "@/lib/http/load-or-404";
import { listDepartments } from "@/lib/dal/departments";
import { listNoticeAttachments } from "@/lib/dal/notices/attachments";
import { activePeople, noticeFormOptions, openNotice, receiptBoard, type NoticeDetail } from "@/lib/dal/notices/queries";
import { signForDepartmentAction } from "@/lib/actions/notices";
import { localDateTime } from "@/lib/domain/notices/deadline";
import { appConfig } from "@/lib/config";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { InlineAction } from "@/components/ui/form";
import { AttachmentsCard } from "@/components/attachments/attachments-card";
import { KindBadge, NoticeStateBadge, ReceiptStatusBadge } from "@/components/notices/badges";
import { NoticeMarkdown } from "@/components/notices/markdown";
import { ReceiptBoard } from "@/components/notices/receipt-board";
import { NoticeTimeline } from "@/components/notices/timeline";
import { ConfirmForm, OnBehalfConfirmForm, ReplyForm, ReviseForm, UploadNoticeForm, WithdrawForm } from "@/components/notices/receipt-forms";
import { Fact } from "@/components/ui/fact";

type Params = { params: Promise<{ id: string }> };

/**
 * One read per request, shared by the metadata and the page. Opening the page as a recipient
 * records the first reading (readAt, with its timeline event).
 */
const load = loadOr404(openNotice);

export async function generateMetadata({ params }: Params) {
  const { record: notice } = await load((await params).id);
  return { title: notice.title };
}

export default async function NoticePage({ params }: Params) {
  const { actor, record: notice } = await load((await params).id);
  const open = notice.state === "published";
  const showBoard = notice.manages && notice.kind !== "announcement";
  const [t, tr, format, files, departments, board, people, formOptions] = await Promise.all([
    getTranslations("notices"),
    getTranslations("roles"),
    getFormatter(),
    listNoticeAttachments(actor, notice.id),
    listDepartments(actor, { includeInactive: true }),
    showBoard ? receiptBoard(actor, notice.id) : Promise.resolve(null),
    notice.canReply || (notice.kind === "meeting" && notice.actFor.length) ? activePeople(actor) : Promise.resolve([]),
    notice.manages && open && notice.kind !== "announcement" ? noticeFormOptions(actor).catch(() => null) : Promise.resolve(null),
  ]);
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : t("detail.notYet"));
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  const peopleOptions = people.map((p) => ({ value: p.id, label: `${p.name}（${p.departmentName}）` }));
  const mine = notice.mine;
  const mustReconfirm = !!mine && open && notice.receiptRequired && (mine.status === "confirmed_earlier" || (mine.confirmedRevision !== null && mine.confirmedRevision !== notice.revision));

  return (
    <>
      <PageHeader
        title={<span data-testid="notice-title">{notice.title}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <KindBadge kind={notice.kind} />
            <NoticeStateBadge state={notice.state} />
            <span data-testid="notice-revision" data-revision={notice.revision}>
              <Badge tone={notice.revision > 1 ? "amber" : "slate"}>{t("detail.revision", { n: notice.revision })}</Badge>
            </span>
            {notice.overdue && <Badge tone="seal">{t("list.overdue")}</Badge>}
          </span>
        }
        actions={
          <Link href="/notices" className="text-sm text-brand-600 hover:underline">
            {t("detail.back")}
          </Link>
        }
      />
      {notice.state === "withdrawn" && (
        <p role="alert" className="mb-4 rounded-md bg-seal-50 px-3 py-2 text-sm text-seal-600" data-testid="notice-withdrawn">
          {t("detail.withdrawn", { at: when(notice.withdrawnAt), reason: notice.withdrawnReason ?? "" })}
        </p>
      )}
      {mustReconfirm && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900" data-testid="notice-revised-banner">
          {t("detail.revisedBanner", { n: notice.revision })}
        </p>
      )}
      <div className="flex flex-col gap-4 lg:grid lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <div className="space-y-4">
          <Card>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm">
              <Fact label={t("detail.sender")}>
                {notice.senderDepartmentName} · {notice.senderName}
              </Fact>
              <Fact label={t("detail.publishedAt")}>{when(notice.publishedAt)}</Fact>
              {notice.revisedAt && <Fact label={t("detail.revisedAt")}>{when(notice.revisedAt)}</Fact>}
              <Fact label={t("detail.due")}>
                <span data-testid="notice-due">
                  {!notice.receiptRequired ? t("detail.noReceipt") : notice.receiptDueAt ? when(notice.receiptDueAt) : t("detail.noDue")}
                </span>
              </Fact>
              <div className="col-span-2">
                <dt className="text-xs font-medium text-slate-500">{t("detail.audience")}</dt>
                <dd className="mt-0.5 text-slate-900" data-testid="notice-audience">
                  {notice.kind === "announcement"
                    ? t("detail.everyone")
                    : [...notice.audience.departments, ...notice.audience.roles.map((r) => tr(r)), ...notice.audience.people].join("、")}
                </dd>
              </div>
            </dl>
            <div className="mt-4 border-t border-slate-100 pt-3">
              {notice.body ? <NoticeMarkdown source={notice.body} /> : <p className="text-sm text-slate-500">{t("detail.noBody")}</p>}
            </div>
          </Card>

          <AttachmentsCard
            title={t("detail.attachments")}
            empty={t("detail.noAttachments")}
            testId="notice-attachments"
            downloadBase={`/notices/${notice.id}/attachments`}
            files={files}
            upload={notice.manages && open && <UploadNoticeForm id={notice.id} version={notice.version} />}
          />

          {board && <ReceiptBoard board={board} lastUrgedAt={notice.lastUrgedAt} />}

          <Card title={t("detail.timeline")}>
            <NoticeTimeline events={notice.events} names={notice.names} departmentNames={departmentNames} />
          </Card>
        </div>

        <aside className="space-y-4" aria-label={t("detail.myReceipt")}>
          {mine && <MyReceiptCard notice={notice} when={when} peopleOptions={peopleOptions} />}
          {notice.department && (
            <Card title={t("detail.department")}>
              <div data-testid="notice-department-sign" className="space-y-2 text-sm">
                {notice.department.signedAt ? (
                  <p className="text-green-700">{t("detail.signedBy", { name: notice.department.signedByName ?? "", at: when(notice.department.signedAt) })}</p>
                ) : (
                  notice.department.canSign && (
                    <>
                      <p className="text-xs text-slate-500">{t("detail.signHint")}</p>
                      <InlineAction action={signForDepartmentAction} fields={{ id: notice.id }} variant="primary">
                        {t("detail.sign")}
                      </InlineAction>
                    </>
                  )
                )}
              </div>
            </Card>
          )}
          {notice.actFor.length > 0 && (
            <Card title={t("detail.actFor")}>
              <div className="space-y-4" data-testid="notice-act-for">
                <p className="text-xs text-slate-500">{t("detail.actForHint")}</p>
                <ul className="space-y-1 text-sm">
                  {notice.actFor.map((a) => (
                    <li key={a.userId} className="flex flex-wrap items-center justify-between gap-2" data-testid={`act-for-${a.userId}`}>
                      <span>
                        {a.name} <span className="text-xs text-slate-500">{a.departmentName}</span>
                      </span>
                      <ReceiptStatusBadge status={a.status} />
                    </li>
                  ))}
                </ul>
                <OnBehalfConfirmForm id={notice.id} revision={notice.revision} targets={notice.actFor.map((a) => ({ value: a.userId, label: `${a.name}（${a.departmentName}）` }))} />
                {notice.kind === "meeting" && (
                  <ReplyForm
                    id={notice.id}
                    revision={notice.revision}
                    people={peopleOptions}
                    onBehalfOf={notice.actFor.map((a) => ({ value: a.userId, label: `${a.name}（${a.departmentName}）` }))}
                    testId="notice-reply-on-behalf"
                  />
                )}
              </div>
            </Card>
          )}
          {notice.manages && open && (
            <Card title={t("detail.manage")}>
              <div className="space-y-4">
                <details>
                  <summary className="cursor-pointer text-sm text-brand-600">{t("revise.title")}</summary>
                  <div className="mt-3">
                    <ReviseForm
                      id={notice.id}
                      version={notice.version}
                      title={notice.title}
                      body={notice.body}
                      receiptRequired={notice.receiptRequired}
                      receiptDueAt={notice.receiptDueAt ? localDateTime(notice.receiptDueAt, appConfig.timeZone) : ""}
                      add={
                        formOptions
                          ? {
                              departments: formOptions.departments.map((d) => ({ value: d.id, label: d.name })),
                              roles: formOptions.roles.map((r) => ({ value: r, label: tr(r) })),
                              people: formOptions.people.map((p) => ({ value: p.id, label: `${p.name}（${p.departmentName}）` })),
                            }
                          : null
                      }
                    />
                  </div>
                </details>
                <details>
                  <summary className="cursor-pointer text-sm text-seal-600">{t("withdraw.title")}</summary>
                  <div className="mt-3">
                    <WithdrawForm id={notice.id} version={notice.version} />
                  </div>
                </details>
              </div>
            </Card>
          )}
        </aside>
      </div>
    </>
  );
}

async function MyReceiptCard({ notice, when, peopleOptions }: { notice: NoticeDetail; when: (d: Date | null) => string; peopleOptions: { value: number; label: string }[] }) {
  const [t, tr] = await Promise.all([getTranslations("notices"), getTranslations("notices.replies")]);
  const mine = notice.mine!;
  const receipt = notice.receiptRequired && notice.kind !== "announcement";
  return (
    <Card title={t("detail.myReceipt")}>
      <div className="space-y-3 text-sm" data-testid="my-receipt">
        <ReceiptStatusBadge status={mine.status} receiptRequired={receipt} testId="my-receipt-status" />
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
          <dt className="text-slate-500">{t("detail.delivered")}</dt>
          <dd>{when(mine.deliveredAt)}</dd>
          <dt className="text-slate-500">{t("detail.read")}</dt>
          <dd>{when(mine.readAt)}</dd>
          {receipt && (
            <>
              <dt className="text-slate-500">{t("detail.confirmed")}</dt>
              <dd data-testid="my-confirmed-at">
                {when(mine.confirmedAt)}
                {mine.confirmedAt && mine.confirmedRevision !== null && t("detail.ofRevision", { n: mine.confirmedRevision })}
              </dd>
            </>
          )}
          {mine.reply && (
            <>
              <dt className="text-slate-500">{t("detail.reply")}</dt>
              <dd data-testid="my-reply" data-reply={mine.reply}>
                {tr(mine.reply)}
                {mine.substituteName && `：${mine.substituteName}`}
                {mine.replyReason && <span className="block text-slate-600">{mine.replyReason}</span>}
              </dd>
            </>
          )}
        </dl>
        {mine.proxyConfirmedAt && (
          <p className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="my-proxy-confirmation">
            {t("detail.proxyConfirmed", { name: mine.proxyConfirmedByName ?? "", at: when(mine.proxyConfirmedAt) })}
            {mine.proxyConfirmedRevision !== null && t("detail.ofRevision", { n: mine.proxyConfirmedRevision })}
          </p>
        )}
        {mine.reply && mine.repliedOnBehalf && (
          <p className="text-xs text-amber-900" data-testid="my-reply-on-behalf">
            {t("detail.repliedBy", { name: mine.repliedByName ?? "" })}
          </p>
        )}
        {notice.state === "withdrawn" && receipt && <p className="text-xs text-slate-500">{t("detail.closed")}</p>}
        {notice.canConfirm && mine.status !== "confirmed" && <ConfirmForm id={notice.id} revision={notice.revision} />}
        {notice.canReply && (
          <ReplyForm
            id={notice.id}
            revision={notice.revision}
            people={peopleOptions}
            current={{ reply: mine.reply, substituteId: mine.substituteId, reason: mine.replyReason }}
          />
        )}
      </div>
    </Card>
  );
}
