import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { loadOr404 } from "@/lib/http/load-or-404";
import { countersignCandidates, getRequest, type RequestDetail } from "@/lib/dal/requests/queries";
import { listLeaders, namesOf } from "@/lib/dal/items/leaders";
import { listDepartments } from "@/lib/dal/departments";
import { calendarExceptions } from "@/lib/dal/calendar";
import { addDays, addWorkingDays } from "@/lib/domain/calendar";
import { isDecided, type RequestAction } from "@/lib/domain/requests/lifecycle";
import { editRequestAction } from "@/lib/actions/requests";
import { today } from "@/lib/clock";
import { formatDay } from "@/components/item-lists/format";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { RequestActionForm, type ConvertDefaults, type RequestPanelAction } from "@/components/requests/action-forms";
import { RequestAttachmentsPanel } from "@/components/requests/attachments-panel";
import { RequestStateBadge, RequestUrgencyBadge } from "@/components/requests/badges";
import { routeText, userIdsOf } from "@/components/requests/describe";
import { RequestForm } from "@/components/requests/request-form";
import { RequestTimeline } from "@/components/requests/timeline";
import { Fact, TextFact } from "@/components/ui/fact";

type Params = { params: Promise<{ id: string }> };

/** One read per page view, shared by the metadata and the page. */
const load = loadOr404(getRequest);

export async function generateMetadata({ params }: Params) {
  const { record: request } = await load((await params).id);
  return { title: `${request.number} ${request.title}` };
}

const DECISIONS = ["approve", "reject", "instruct"] as const;

/** The life-cycle actions as the panel groups them: approve, reject and instruct are one decision card. */
function panelActions(actions: RequestAction[]): RequestPanelAction[] {
  const out: RequestPanelAction[] = [];
  for (const a of actions) {
    if ((DECISIONS as readonly string[]).includes(a)) {
      if (!out.includes("decide")) out.push("decide");
    } else if (a !== "create" && a !== "edit_draft") out.push(a as RequestPanelAction);
  }
  return out;
}

/** The item form's defaults: one click to send the decision down (due: the wished-for date, else 10 working days). */
async function convertDefaults(actor: Awaited<ReturnType<typeof requireActor>>, r: RequestDetail, on: string): Promise<ConvertDefaults> {
  let dueOn = r.wishedBy && r.wishedBy >= on ? r.wishedBy : null;
  if (!dueOn) dueOn = addWorkingDays(on, 10, await calendarExceptions(actor, on, addDays(on, 60)));
  const body = [r.question, r.decisionText].filter(Boolean).join("\n\n");
  return { title: r.title, body, leadDepartmentId: r.departmentId, dueOn, urgency: r.urgency };
}

export default async function RequestPage({ params }: Params) {
  const { actor, record: r } = await load((await params).id);
  const on = today();
  const actions = panelActions(r.actions);
  const [t, format, names, leaders, countersigners, departments, convert] = await Promise.all([
    getTranslations("requests"),
    getFormatter(),
    namesOf(actor, userIdsOf(r.events)),
    actions.includes("reroute") ? listLeaders(actor) : Promise.resolve([]),
    actions.includes("request_countersign") ? countersignCandidates(actor, r.id) : Promise.resolve([]),
    actions.includes("convert_to_assignment") ? listDepartments(actor) : Promise.resolve([]),
    actions.includes("convert_to_assignment") ? convertDefaults(actor, r, on) : Promise.resolve(null),
  ]);
  const day = (iso: string | null) => (iso ? formatDay(format, iso) : t("noWishedBy"));
  const at = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const leaderLabel = (l: { name: string; title: string | null }) => (l.title ? `${l.name}（${l.title}）` : l.name);
  const route = routeText(t, r.routeReason, r.routedLeaderName, r.routeNote);
  const decisions = DECISIONS.filter((d) => r.actions.includes(d));
  const decided = isDecided(r.state);

  return (
    <>
      <PageHeader
        title={r.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-700" data-testid="request-number">
              {r.number}
            </span>
            <RequestStateBadge state={r.state} />
            <RequestUrgencyBadge urgency={r.urgency} />
            {r.major && <Badge tone="seal">{t("fields.major")}</Badge>}
          </span>
        }
        actions={
          <Link href="/requests" className="text-sm text-brand-600 hover:underline">
            {t("detail.back")}
          </Link>
        }
      />
      <div className="flex flex-col gap-4 lg:grid lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <div className="space-y-4">
          <section
            aria-labelledby="request-decision"
            className={`rounded-lg border-2 p-4 shadow-sm ${decided ? (r.state === "rejected" ? "border-seal-600 bg-seal-50" : "border-green-600 bg-green-50") : "border-slate-200 bg-white"}`}
            data-testid="request-decision"
          >
            <h2 id="request-decision" className="text-base font-semibold text-slate-800">
              {t("detail.decision")}
            </h2>
            {decided ? (
              <div className="mt-2 space-y-2">
                <p className="text-lg font-semibold text-slate-900" data-testid="request-decision-outcome">
                  {t(`states.${r.state}`)}
                </p>
                {r.decisionText && <p className="whitespace-pre-wrap break-words text-sm text-slate-900">{r.decisionText}</p>}
                {r.decidedAt && (
                  <p className="text-xs text-slate-600">
                    {r.decidedOnBehalfOfName
                      ? t("detail.decidedOnBehalf", { name: r.decidedByName ?? "", behalf: r.decidedOnBehalfOfName, at: at(r.decidedAt) })
                      : t("detail.decidedBy", { name: r.decidedByName ?? "", at: at(r.decidedAt) })}
                  </p>
                )}
                <p className="text-xs text-slate-500">{t("detail.readOnly")}</p>
              </div>
            ) : r.state === "withdrawn" ? (
              <div className="mt-2 space-y-1 text-sm">
                <p className="font-medium text-slate-800">{t("detail.withdrawn")}</p>
                {r.withdrawnReason && <p className="whitespace-pre-wrap text-slate-700">{t("detail.withdrawnReason", { reason: r.withdrawnReason })}</p>}
              </div>
            ) : (
              <p className="mt-2 text-sm text-slate-600">
                {r.state === "awaiting_decision" && r.routedLeaderName ? t("detail.awaitingDecision", { name: r.routedLeaderName }) : t("detail.notYetRouted")}
              </p>
            )}
          </section>

          <Card title={t("detail.facts")}>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <Fact label={t("fields.department")}>{r.departmentName}</Fact>
              <Fact label={t("fields.createdBy")}>{r.createdByName}</Fact>
              <Fact label={t("fields.wishedBy")}>{day(r.wishedBy)}</Fact>
              <Fact label={t("fields.submittedAt")}>{r.submittedAt ? at(r.submittedAt) : "—"}</Fact>
              <Fact label={t("fields.routedTo")}>
                {r.routedLeaderName ? <span data-testid="request-routed-leader">{r.routedLeaderName}</span> : <span className="text-slate-500">{t("detail.notRouted")}</span>}
                {route && (
                  <span className="block text-xs text-slate-500" data-testid="request-route-reason">
                    {route}
                  </span>
                )}
              </Fact>
              <Fact label={t("fields.urgency")}>
                {t(`urgencies.${r.urgency}`)}
                {r.major && ` · ${t("fields.major")}`}
              </Fact>
            </dl>
          </Card>

          <Card title={t("detail.content")}>
            <dl className="space-y-4 text-sm">
              <TextFact label={t("fields.background")} text={r.background} empty={t("noText")} />
              <TextFact label={t("fields.question")} text={r.question} empty={t("noText")} />
              <TextFact label={t("fields.options")} text={r.options} empty={t("noText")} />
              <TextFact label={t("fields.recommendation")} text={r.recommendation} empty={t("noText")} />
            </dl>
          </Card>

          {r.state !== "draft" && (
            <Card title={t("detail.handling")}>
              {r.state === "returned" && (
                <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  {t("detail.returned")}
                </p>
              )}
              <dl className="space-y-3 text-sm">
                {r.reviewComment && <TextFact label={t("fields.reviewComment")} text={r.reviewComment} />}
                <TextFact label={t("fields.proposal")} text={r.proposal ?? ""} empty={t("detail.noProposal")} />
              </dl>
            </Card>
          )}

          {(r.countersigns.length > 0 || r.state === "awaiting_decision") && (
            <Card title={t("detail.countersigns")}>
              {r.countersigns.length ? (
                <ul className="divide-y divide-slate-100 text-sm" data-testid="request-countersigns">
                  {r.countersigns.map((c) => (
                    <li key={c.leaderId} className="space-y-1 py-2">
                      <p className="flex flex-wrap items-center gap-2">
                        <span className="font-medium">{c.leaderName}</span>
                        {!c.signedAt && <Badge tone="amber">{t("detail.countersignWaiting")}</Badge>}
                        <span className="text-xs text-slate-500">{t("detail.countersignAsked", { asker: c.requestedByName, at: at(c.requestedAt) })}</span>
                      </p>
                      {c.note && <p className="whitespace-pre-wrap text-xs text-slate-600">{c.note}</p>}
                      {c.signedAt && (
                        <>
                          <p className="whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2">{c.opinion}</p>
                          <p className="text-xs text-slate-500">
                            {c.signedOnBehalf
                              ? t("detail.countersignSignedOnBehalf", { name: c.signedByName ?? "", at: at(c.signedAt) })
                              : t("detail.countersignSigned", { name: c.signedByName ?? "", at: at(c.signedAt) })}
                          </p>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">{t("detail.noCountersigns")}</p>
              )}
            </Card>
          )}

          {(r.linkedItems.length > 0 || r.state === "approved" || r.state === "instructed") && (
            <Card title={t("detail.linkedItems")}>
              {r.linkedItems.length ? (
                <ul className="divide-y divide-slate-100 text-sm" data-testid="request-linked-items">
                  {r.linkedItems.map((i) => (
                    <li key={i.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                      <span>
                        <span className="me-2 text-xs tabular-nums text-slate-500">{i.number}</span>
                        <Link href={`/items/${i.id}`} className="font-medium text-brand-700 hover:underline">
                          {i.title}
                        </Link>
                      </span>
                      <span className="text-xs text-slate-600">
                        {i.leadDepartmentName} · {t("detail.linkedDue", { date: formatDay(format, i.dueOn) })}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">{t("detail.noLinkedItems")}</p>
              )}
            </Card>
          )}

          <Card title={t("detail.timeline")}>
            <RequestTimeline events={r.events} context={{ userName: (id) => (typeof id === "number" && names.get(id)) || t("events.unknownLeader") }} />
          </Card>
        </div>

        <aside className="space-y-4" aria-label={t("detail.actions")}>
          <Card title={t("detail.actions")}>
            {r.actingFor && actions.some((a) => a === "decide" || a === "request_countersign" || a === "refer_to_principal") && (
              <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900" data-testid="request-acting-for">
                {t("detail.actingFor", { name: r.actingFor })}
              </p>
            )}
            {r.countersignFor && actions.includes("countersign") && (
              <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900" data-testid="request-countersign-for">
                {t("detail.countersignFor", { name: r.countersignFor })}
              </p>
            )}
            {r.actions.includes("request_countersign") && r.countersigns.some((c) => !c.signedAt) && (
              <p className="mb-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="request-waiting-countersigns">
                {t("detail.waitingCountersigns")}
              </p>
            )}
            {actions.length ? (
              <div className="space-y-4">
                {actions.map((a) => (
                  <RequestActionForm
                    key={a}
                    action={a}
                    id={r.id}
                    version={r.version}
                    today={on}
                    proposal={r.proposal}
                    major={r.major}
                    leaders={leaders.map((l) => ({ value: l.id, label: leaderLabel(l) }))}
                    countersigners={countersigners.map((l) => ({ value: l.id, label: leaderLabel(l) }))}
                    decisions={decisions}
                    departments={departments.filter((d) => d.kind !== "leadership").map((d) => ({ value: d.id, label: d.name }))}
                    convert={convert}
                  />
                ))}
              </div>
            ) : (
              <p className="text-sm text-slate-500">{t("detail.noActions")}</p>
            )}
          </Card>
          {r.actions.includes("edit_draft") && (
            <Card title={t("detail.edit")}>
              <details open={r.state === "returned"}>
                <summary className="cursor-pointer text-sm text-brand-600">{t("detail.edit")}</summary>
                <div className="mt-3">
                  <RequestForm
                    action={editRequestAction}
                    today={on}
                    submitLabel={t("actions.edit_draft.submit")}
                    initial={{
                      id: r.id,
                      version: r.version,
                      title: r.title,
                      background: r.background,
                      question: r.question,
                      options: r.options,
                      recommendation: r.recommendation,
                      urgency: r.urgency,
                      wishedBy: r.wishedBy,
                    }}
                  />
                </div>
              </details>
            </Card>
          )}
          <RequestAttachmentsPanel requestId={r.id} files={r.attachments} canUpload={r.actions.includes("edit_draft")} />
        </aside>
      </div>
    </>
  );
}
