import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { listDepartments } from "@/lib/dal/departments";
import { listPortfolios, type PortfolioDto } from "@/lib/dal/portfolios";
import { listUsers } from "@/lib/dal/users";
import { createPortfolioAction, deletePortfolioAction, updatePortfolioAction } from "@/lib/actions/admin/portfolios";
import { today as orgToday } from "@/lib/clock";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/styles";
import { InlineAction } from "@/components/ui/form";
import { PortfolioForm } from "./portfolio-form";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("portfolios") };
}

type Phase = "inForce" | "upcoming" | "ended";

function phaseOf(p: PortfolioDto, today: string): Phase {
  if (p.startsOn > today) return "upcoming";
  if (p.endsOn !== null && p.endsOn < today) return "ended";
  return "inForce";
}

const PHASE_TONE = { inForce: "green", upcoming: "brand", ended: "slate" } as const;

export default async function PortfoliosPage({ searchParams }: { searchParams: Promise<{ edit?: string }> }) {
  const actor = await requireHome("admin");
  const { edit } = await searchParams;
  const today = orgToday();
  const [t, format, portfolios, deputies, departments] = await Promise.all([
    getTranslations(),
    getFormatter(),
    listPortfolios(actor),
    listUsers(actor, { role: "deputy" }),
    listDepartments(actor),
  ]);
  // Calendar dates carry no zone: format them as UTC midnight so no zone can shift the day.
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });

  const names = new Map(departments.map((d) => [d.id, d.name]));
  const departmentOptions = departments
    .filter((d) => d.kind !== "leadership")
    .map((d) => ({ value: d.id, label: d.parentId && names.has(d.parentId) ? `${names.get(d.parentId)} › ${d.name}` : d.name }));
  const deputyOptions = deputies.map((u) => ({ value: u.id, label: u.title ? `${u.name}（${u.title}）` : u.name }));

  // Every active deputy gets a group, also one with nothing yet; a former deputy keeps theirs while records remain.
  const groups = new Map<number, { name: string; rows: PortfolioDto[] }>(deputies.map((u) => [u.id, { name: u.name, rows: [] }]));
  for (const p of portfolios) {
    const g = groups.get(p.deputyId) ?? { name: p.deputyName, rows: [] };
    g.rows.push(p);
    groups.set(p.deputyId, g);
  }
  const covered = new Set(portfolios.filter((p) => phaseOf(p, today) === "inForce").map((p) => p.departmentId));
  const uncovered = departments.filter((d) => d.kind !== "leadership" && !covered.has(d.id));
  const editing = portfolios.find((p) => String(p.id) === edit);

  return (
    <>
      <PageHeader title={t("nav.portfolios")} description={t("portfolios.description")} />
      <div className="grid gap-4 xl:grid-cols-3">
        <div className="min-w-0 space-y-4 xl:col-span-2">
          {[...groups].map(([deputyId, g]) => (
            <Card key={deputyId} title={g.name} actions={<span className="text-xs text-slate-500">{t("portfolios.inForceCount", { count: g.rows.filter((p) => phaseOf(p, today) === "inForce").length })}</span>}>
              {g.rows.length ? (
                <Table head={[t("portfolios.department"), t("portfolios.startsOn"), t("portfolios.endsOn"), t("common.status"), t("common.actions")]} caption={t("portfolios.groupCaption", { name: g.name })}>
                  {g.rows.map((p) => {
                    const phase = phaseOf(p, today);
                    return (
                      <tr key={p.id} data-testid={`portfolio-row-${p.deputyName}-${p.departmentName}`} className={phase === "ended" ? "text-slate-500" : undefined}>
                        <Td className="whitespace-nowrap">{p.departmentName}</Td>
                        <Td className="w-36 whitespace-nowrap">{day(p.startsOn)}</Td>
                        <Td className="w-36 whitespace-nowrap">{p.endsOn ? day(p.endsOn) : <span className="text-slate-500">{t("portfolios.openEnded")}</span>}</Td>
                        <Td className="w-24">
                          <Badge tone={PHASE_TONE[phase]}>{t(`portfolios.phase.${phase}`)}</Badge>
                        </Td>
                        <Td className="w-40">
                          <div className="flex gap-2">
                            <Link href={`/admin/portfolios?edit=${p.id}`} className={buttonClass("ghost")} aria-label={t("portfolios.editLabel", { deputy: p.deputyName, department: p.departmentName })}>
                              {t("common.edit")}
                            </Link>
                            <InlineAction
                              action={deletePortfolioAction}
                              fields={{ id: p.id, version: p.version }}
                              variant="danger"
                              confirm={t("portfolios.confirmDelete", { deputy: p.deputyName, department: p.departmentName })}
                            >
                              {t("common.delete")}
                            </InlineAction>
                          </div>
                        </Td>
                      </tr>
                    );
                  })}
                </Table>
              ) : (
                <EmptyState>{t("portfolios.noneForDeputy")}</EmptyState>
              )}
            </Card>
          ))}
          {!groups.size && (
            <Card>
              <EmptyState>{t("portfolios.noDeputies")}</EmptyState>
            </Card>
          )}
        </div>
        <div className="min-w-0 space-y-4">
          {editing && (
            <Card
              title={t("portfolios.editTitle", { deputy: editing.deputyName, department: editing.departmentName })}
              actions={<Link href="/admin/portfolios" className="text-sm text-brand-600">{t("common.cancel")}</Link>}
            >
              <PortfolioForm
                key={editing.id}
                action={updatePortfolioAction}
                portfolio={editing}
                deputies={deputyOptions}
                departments={departmentOptions}
                today={today}
              />
            </Card>
          )}
          <Card title={t("portfolios.createTitle")}>
            <PortfolioForm action={createPortfolioAction} deputies={deputyOptions} departments={departmentOptions} today={today} resetOnSuccess />
          </Card>
          <Card title={t("portfolios.uncoveredTitle")}>
            {uncovered.length ? (
              <>
                <p className="mb-2 text-sm text-slate-600">{t("portfolios.uncoveredHint")}</p>
                <ul className="flex flex-wrap gap-2" data-testid="uncovered-departments">
                  {uncovered.map((d) => (
                    <li key={d.id}>
                      <Badge tone="amber">{d.name}</Badge>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="text-sm text-slate-600">{t("portfolios.allCovered")}</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
