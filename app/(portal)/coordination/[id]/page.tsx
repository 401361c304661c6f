import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { loadOr404 } from "@/lib/http/load-or-404";
import { getMatter } from "@/lib/dal/coordination/queries";
import { namesOf } from "@/lib/dal/items/leaders";
import { listDepartments } from "@/lib/dal/departments";
import { nextRung } from "@/lib/domain/coordination/ladder";
import { appConfig } from "@/lib/config";
import { today } from "@/lib/clock";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { formatDay } from "@/components/item-lists/format";
import { StateBadge } from "@/components/item-lists/badges";
import { MatterActionForm } from "@/components/coordination/action-forms";
import { MatterStateBadge, MatterUrgencyBadge, RungBadge } from "@/components/coordination/badges";
import { routeText } from "@/components/coordination/describe";
import { RungLadder } from "@/components/coordination/rung-ladder";
import { MatterTimeline } from "@/components/coordination/timeline";
import { Fact, TextFact } from "@/components/ui/fact";

type Params = { params: Promise<{ id: string }> };

/** One read per request, shared by the metadata and the page. */
const load = loadOr404(getMatter);

export async function generateMetadata({ params }: Params) {
  const { record: matter } = await load((await params).id);
  return { title: `${matter.number} ${matter.title}` };
}

export default async function MatterPage({ params }: Params) {
  const { actor, record: matter } = await load((await params).id);
  const userIds = matter.events.flatMap((e) => [e.data.leaderId, e.data.fromLeaderId]).filter((v): v is number => typeof v === "number");
  const [t, format, departments, names] = await Promise.all([
    getTranslations("coordination"),
    getFormatter(),
    listDepartments(actor, { includeInactive: true }),
    namesOf(actor, userIds),
  ]);
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  const context = {
    userName: (id: unknown) => (typeof id === "number" && names.get(id)) || t("events.unknownLeader"),
    departmentName: (id: unknown) => (typeof id === "number" && departmentNames.get(id)) || t("events.unknownDepartment"),
  };
  const day = (iso: string) => formatDay(format, iso);
  const at = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const route = routeText(t, matter.routeReason, matter.routedLeaderName);
  const next = nextRung(matter.rung);
  const partyOptions = matter.parties.map((p) => ({ value: p.departmentId, label: p.name }));
  const mine = matter.parties.find((p) => p.departmentId === actor.departmentId);
  const actions = matter.actions.filter((a) => a !== "raise");

  return (
    <>
      <PageHeader
        title={matter.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-700" data-testid="matter-number">
              {matter.number}
            </span>
            <MatterStateBadge state={matter.state} />
            <RungBadge rung={matter.rung} />
            <MatterUrgencyBadge urgency={matter.urgency} />
          </span>
        }
        actions={
          <Link href="/coordination" className="text-sm text-brand-600 hover:underline">
            {t("detail.back")}
          </Link>
        }
      />
      <div className="flex flex-col gap-4 lg:grid lg:grid-cols-[minmax(0,1fr)_24rem] lg:grid-rows-[auto_1fr] lg:items-start">
        <Card title={t("detail.facts")} className="lg:col-start-1 lg:row-start-1">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm">
            <Fact label={t("fields.raisingDepartment")}>{matter.raisingDepartmentName}</Fact>
            <Fact label={t("fields.createdBy")}>{matter.createdByName}</Fact>
            <Fact label={t("fields.raisedOn")}>
              {day(matter.raisedOn)} <span className="text-xs text-slate-500">{t("list.ageDays", { days: matter.ageDays })}</span>
            </Fact>
            <Fact label={t("fields.routedTo")}>
              {matter.routedLeaderName ? <span data-testid="routed-leader">{matter.routedLeaderName}</span> : <span className="text-slate-500">{t("detail.notRouted")}</span>}
              {route && (
                <span className="block text-xs text-slate-500" data-testid="route-reason">
                  {route}
                </span>
              )}
            </Fact>
          </dl>
          <div className="mt-4 border-t border-slate-100 pt-3">
            <h3 className="mb-2 text-xs font-medium text-slate-500">{t("detail.ladder")}</h3>
            <RungLadder rung={matter.rung} />
            <p className="mt-2 text-xs text-slate-600" data-testid="climb-due">
              {matter.climbDueOn && next
                ? `${t("detail.stalled", { days: matter.stalledWorkingDays })} · ${t("detail.climbsOn", { date: day(matter.climbDueOn), rung: t(`rungs.${next}`) })}`
                : t("detail.noClimb")}
            </p>
            <p className="text-xs text-slate-500">{t("detail.ladderHint", { days: appConfig.ladderDays })}</p>
          </div>
          <div className="mt-4 border-t border-slate-100 pt-3">
            <h3 className="mb-1 text-xs font-medium text-slate-500">{t("fields.background")}</h3>
            {/* Plain text: React escapes it; line breaks are kept by CSS, never by HTML. */}
            <p className="whitespace-pre-wrap break-words text-sm text-slate-900">{matter.background}</p>
          </div>
          {matter.declineReason && (
            <div className="mt-4 rounded-md bg-seal-50 px-3 py-2 text-sm text-seal-600" data-testid="decline-reason">
              <p className="text-xs font-medium">{t("fields.declineReason")}</p>
              <p className="whitespace-pre-wrap">{matter.declineReason}</p>
            </div>
          )}
        </Card>

        <aside className="space-y-4 lg:col-start-2 lg:row-span-2 lg:row-start-1" aria-label={t("detail.actions")}>
          <Card title={t("detail.actions")}>
            {matter.actingFor && actions.includes("decide") && (
              <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900" data-testid="acting-for">
                {t("detail.actingFor", { name: matter.actingFor })}
              </p>
            )}
            {actions.length ? (
              <div className="space-y-4">
                {actions.map((a) => (
                  <MatterActionForm key={a} action={a} id={matter.id} version={matter.version} today={today()} parties={partyOptions} myPosition={mine?.position} />
                ))}
              </div>
            ) : (
              <p className="text-sm text-slate-500">{t("detail.noActions")}</p>
            )}
          </Card>
        </aside>

        <div className="space-y-4 lg:col-start-1 lg:row-start-2">
          <Card title={t("detail.parties")}>
            <ul className="grid gap-3 md:grid-cols-2" data-testid="matter-parties">
              {matter.parties.map((p) => (
                <li key={p.departmentId} className="rounded-md border border-slate-200 p-3 text-sm" data-party={p.departmentId}>
                  <p className="flex flex-wrap items-center gap-2">
                    <Badge tone={p.raiser ? "brand" : "slate"}>{p.raiser ? t("detail.raiser") : t("detail.named")}</Badge>
                    <span className="font-medium">{p.name}</span>
                  </p>
                  {!p.raiser && (
                    <div className="mt-2">
                      <p className="text-xs font-medium text-slate-500">{t("detail.need")}</p>
                      <p className="whitespace-pre-wrap break-words">{p.need}</p>
                    </div>
                  )}
                  <div className="mt-2">
                    <p className="text-xs font-medium text-slate-500">{t("fields.position")}</p>
                    {p.position ? (
                      <>
                        <p className="whitespace-pre-wrap break-words" data-testid="party-position">
                          {p.position}
                        </p>
                        <p className="mt-1 text-xs text-slate-500">{t("detail.positionBy", { name: p.positionByName ?? "", at: p.positionAt ? at(p.positionAt) : "" })}</p>
                      </>
                    ) : (
                      <p className="text-slate-500">{t("detail.noPosition")}</p>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </Card>

          {(matter.summary || matter.proposal || matter.decisionText) && (
            <Card title={t("detail.escalation")}>
              <dl className="space-y-3 text-sm">
                {matter.summary && <TextFact label={t("fields.summary")} testId="matter-summary" text={matter.summary} />}
                {matter.proposal && <TextFact label={t("fields.proposal")} testId="matter-proposal" text={matter.proposal} />}
                {matter.decisionText && (
                  <div>
                    <dt className="text-xs font-medium text-slate-500">{t("fields.decision")}</dt>
                    <dd className="whitespace-pre-wrap break-words" data-testid="matter-decision">
                      {matter.decisionText}
                    </dd>
                    {matter.decidedByName && matter.decidedAt && (
                      <dd className="mt-1 text-xs text-slate-500">
                        {matter.decidedOnBehalfOfName
                          ? t("detail.decidedByOnBehalf", { name: matter.decidedByName, leader: matter.decidedOnBehalfOfName, at: at(matter.decidedAt) })
                          : t("detail.decidedBy", { name: matter.decidedByName, at: at(matter.decidedAt) })}
                      </dd>
                    )}
                  </div>
                )}
              </dl>
            </Card>
          )}

          <Card title={t("detail.linkedItems")}>
            {matter.linkedItems.length ? (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="linked-items">
                {matter.linkedItems.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
                    <span className="min-w-0">
                      <span className="me-2 text-xs tabular-nums text-slate-500">{i.number}</span>
                      {i.canOpen ? (
                        <Link href={`/items/${i.id}`} className="font-medium text-brand-700 hover:underline">
                          {i.title}
                        </Link>
                      ) : (
                        <span className="font-medium">{i.title}</span>
                      )}
                      <span className="ms-2 text-xs text-slate-600">{i.departmentName}</span>
                    </span>
                    <span className="flex items-center gap-2 text-xs">
                      <StateBadge state={i.state} />
                      <time dateTime={i.dueOn}>{day(i.dueOn)}</time>
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">{t("detail.noLinkedItems")}</p>
            )}
          </Card>

          <Card title={t("detail.timeline")}>
            <MatterTimeline events={matter.events} context={context} />
          </Card>
        </div>
      </div>
    </>
  );
}
