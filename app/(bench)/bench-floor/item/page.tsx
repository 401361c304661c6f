// BENCH ONLY: an item's detail page with its timeline (app/(portal)/items/[id]/page.tsx) drawn
// from memory — no database, no session check — with the same components and markup, as the
// floor the real page is measured against. 404 unless ZHONGSHU_BENCH_FLOOR=1.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { isOpen as isOpenState, type ItemAction } from "@/lib/domain/items/lifecycle";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { URGENCY_TONE } from "@/components/item-lists/format";
import { ExtensionSummary, ItemActionForm, type PanelAction } from "@/components/items/action-forms";
import { routeText } from "@/components/items/describe";
import { Timeline } from "@/components/items/timeline";
import { AttachmentsCard } from "@/components/attachments/attachments-card";
import { UploadForm } from "@/components/attachments/upload-form";
import { EditItemForm } from "@/components/items/edit-form";
import { Fact } from "@/components/ui/fact";
import { floorFixture } from "../fixture";
import { FloorChrome } from "../chrome";

const STATE_TONE = {
  draft: "slate",
  awaiting_decision: "amber",
  sent: "brand",
  in_progress: "brand",
  completion_reported: "green",
  closed: "green",
  cancelled: "slate",
} as const;

function panelActions(actions: ItemAction[]): PanelAction[] {
  const out: PanelAction[] = [];
  for (const a of actions) {
    if (a === "approve" || a === "instruct") {
      if (!out.includes("decide")) out.push("decide");
    } else if (a !== "register" && a !== "edit") out.push(a);
  }
  return out;
}

const DECISIONS: PanelAction[] = ["decide", "refer_to_principal", "decide_extension", "urge"];

export async function generateMetadata() {
  const { detail } = (await floorFixture()).item;
  return { title: `${detail.number} ${detail.title}` };
}

export default async function ItemFloor() {
  const fixture = await floorFixture();
  const { detail: item, files } = fixture.item;
  const actor = fixture.actor;
  const today = () => fixture.today;
  const actions = panelActions(item.actions);
  const names = new Map(fixture.item.names);
  const leaders = actions.includes("reroute") ? fixture.item.leaders : [];
  const departments = fixture.item.departments;
  const [t, ta, format] = await Promise.all([getTranslations("items"), getTranslations("attachments"), getFormatter()]);
  const day = (iso: unknown) =>
    typeof iso === "string" && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }) : "—";
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  const context = {
    day,
    userName: (id: unknown) => (typeof id === "number" && names.get(id)) || t("events.unknownLeader"),
    departmentName: (id: unknown) => (typeof id === "number" && departmentNames.get(id)) || t("events.unknownDepartment"),
  };
  const route = routeText(t, item.routeReason, item.routedLeaderName, item.routeNote);
  const showSigning = ["sent", "in_progress", "completion_reported", "closed"].includes(item.state);
  const pending = item.pendingExtension ? { ...item.pendingExtension, requestedDueLabel: day(item.pendingExtension.requestedDueOn) } : null;
  const leaderOptions = leaders.map((l) => ({ value: l.id, label: l.title ? `${l.name}（${l.title}）` : l.name }));

  return (
    <FloorChrome fixture={fixture}>
      <PageHeader
        title={item.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-700" data-testid="item-number">
              {item.number}
            </span>
            <Badge tone={STATE_TONE[item.state]}>
              <span data-testid="item-state">{t(`states.${item.state}`)}</span>
            </Badge>
            <Badge tone={URGENCY_TONE[item.urgency]}>{t(`urgencies.${item.urgency}`)}</Badge>
            {item.major && <Badge tone="seal">{t("major")}</Badge>}
            {item.overdue && <Badge tone="seal">{t("overdue")}</Badge>}
          </span>
        }
        actions={
          <Link href="/" className="text-sm text-brand-600 hover:underline">
            {t("detail.back")}
          </Link>
        }
      />
      <div className="flex flex-col gap-4 lg:grid lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr] lg:items-start">
        <Card title={t("detail.facts")} className="lg:col-start-1 lg:row-start-1">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm">
            <Fact label={t("dueOn")}>
              <span className={item.overdue ? "font-semibold text-seal-600" : undefined} data-testid="item-due">
                {day(item.dueOn)}
                {item.overdue && ` · ${t("overdue")}`}
              </span>
            </Fact>
            <Fact label={t("source")}>{t(`sources.${item.source}`)}</Fact>
            <Fact label={t("lead")}>{item.leadDepartmentName}</Fact>
            <Fact label={t("createdBy")}>{item.createdByName}</Fact>
            <Fact label={t("routedTo")}>
              {item.routedLeaderName ? (
                <span data-testid="routed-leader">{item.routedLeaderName}</span>
              ) : (
                <span className="text-slate-500">{t("detail.notRouted")}</span>
              )}
              {route && (
                <span className="block text-xs text-slate-500" data-testid="route-reason">
                  {route}
                </span>
              )}
            </Fact>
            <Fact label={t("urgency")}>
              {t(`urgencies.${item.urgency}`)}
              {item.major && ` · ${t("major")}`}
            </Fact>
          </dl>
          <div className="mt-4 border-t border-slate-100 pt-3">
            <h3 className="mb-1 text-xs font-medium text-slate-500">{t("body")}</h3>
            {/* Plain text: React escapes it; line breaks are kept by CSS, never by HTML. */}
            <p className="whitespace-pre-wrap break-words text-sm text-slate-900">{item.body || t("noBody")}</p>
          </div>
        </Card>

        <aside className="space-y-4 lg:col-start-2 lg:row-span-2 lg:row-start-1" aria-label={t("detail.actions")}>
          <Card title={t("detail.actions")}>
            {item.actingFor && actions.some((a) => DECISIONS.includes(a)) && (
              <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900" data-testid="acting-for">
                {t("detail.actingFor", { name: item.actingFor })}
              </p>
            )}
            {actions.length ? (
              <div className="space-y-4">
                {actions.map((a) => (
                  <ItemActionForm
                    key={a}
                    action={a}
                    id={item.id}
                    version={item.version}
                    today={today()}
                    proposal={item.proposal}
                    leaders={leaderOptions}
                    pendingExtension={pending}
                    inSupport={item.departments.some((d) => d.id === actor.departmentId && d.role === "support")}
                  />
                ))}
              </div>
            ) : (
              <p className="text-sm text-slate-500">{t("detail.noActions")}</p>
            )}
          </Card>
          {item.actions.includes("edit") && (
            <Card title={t("edit.title")}>
              <details>
                <summary className="cursor-pointer text-sm text-brand-600">{t("edit.title")}</summary>
                <div className="mt-3">
                  <EditItemForm
                    item={{
                      id: item.id,
                      version: item.version,
                      urgency: item.urgency,
                      major: item.major,
                      dueOn: item.dueOn,
                      leadDepartmentId: item.departments.find((d) => d.role === "lead")!.id,
                      supportDepartmentIds: item.departments.filter((d) => d.role === "support").map((d) => d.id),
                    }}
                    departments={departments.filter((d) => d.active && d.kind !== "leadership").map((d) => ({ value: d.id, label: d.name }))}
                    today={today()}
                  />
                </div>
              </details>
            </Card>
          )}
          <AttachmentsCard
            title={ta("title")}
            empty={ta("none")}
            testId="attachments"
            downloadBase={`/items/${item.id}/attachments`}
            files={files}
            upload={isOpenState(item.state) && item.actions.length > 0 && <UploadForm itemId={item.id} version={item.version} />}
          />
          {pending && !actions.includes("decide_extension") && (
            <Card title={t("detail.pendingExtension")}>
              <ExtensionSummary ext={pending} />
            </Card>
          )}
        </aside>

        <div className="space-y-4 lg:col-start-1 lg:row-start-2">
          <Card title={t("detail.departments")}>
            <ul className="divide-y divide-slate-100 text-sm" data-testid="item-departments">
              {item.departments.map((d) => (
                <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
                  <span>
                    <Badge tone={d.role === "lead" ? "brand" : "slate"}>{d.role === "lead" ? t("lead") : t("support")}</Badge>{" "}
                    <span className="font-medium">{d.name}</span>
                  </span>
                  <span className="text-xs text-slate-600">
                    {d.role === "support" && d.dueOn && `${t("subDue")}：${day(d.dueOn)}`}
                    {d.role === "support" && d.completedAt && <span className="ms-3 text-green-700">{t("partDone")}</span>}
                    {showSigning && (
                      <span className={`ms-3 ${d.signedAt ? "text-green-700" : "text-amber-800"}`}>
                        {d.signedAt
                          ? t("signedBy", { name: d.signedByName ?? "", at: format.dateTime(d.signedAt, { dateStyle: "short", timeStyle: "short" }) })
                          : t("notSigned")}
                      </span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </Card>

          <Card title={t("detail.handling")}>
            <dl className="space-y-3 text-sm">
              <div>
                <dt className="text-xs font-medium text-slate-500">{t("proposal")}</dt>
                <dd className="whitespace-pre-wrap" data-testid="item-proposal">
                  {item.proposal || <span className="text-slate-500">{t("detail.noProposal")}</span>}
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium text-slate-500">{t("instruction")}</dt>
                <dd className="whitespace-pre-wrap" data-testid="item-instruction">
                  {item.instruction || <span className="text-slate-500">{t("detail.noInstruction")}</span>}
                </dd>
              </div>
            </dl>
          </Card>

          <Card title={t("detail.timeline")}>
            <Timeline events={item.events} context={context} />
          </Card>
        </div>
      </div>
    </FloorChrome>
  );
}
