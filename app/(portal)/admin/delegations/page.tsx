import { getFormatter, getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { listDepartments } from "@/lib/dal/departments";
import { listDelegations, type DelegationDto } from "@/lib/dal/delegations";
import { listUsers } from "@/lib/dal/users";
import { createDelegationAction, revokeDelegationAction } from "@/lib/actions/admin/delegations";
import { today as orgToday } from "@/lib/clock";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { InlineAction } from "@/components/ui/form";
import { DelegationForm } from "./delegation-form";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("delegations") };
}

type Status = "inForce" | "upcoming" | "ended" | "revoked";

function statusOf(d: DelegationDto, today: string): Status {
  if (d.revoked) return "revoked";
  if (d.startsOn > today) return "upcoming";
  if (d.endsOn < today) return "ended";
  return "inForce";
}

const STATUS_TONE = { inForce: "green", upcoming: "brand", ended: "slate", revoked: "seal" } as const;

export default async function DelegationsPage() {
  const actor = await requireHome("admin");
  const today = orgToday();
  const [t, format, delegations, principals, deputies, departments] = await Promise.all([
    getTranslations(),
    getFormatter(),
    listDelegations(actor),
    listUsers(actor, { role: "principal" }),
    listUsers(actor, { role: "deputy" }),
    listDepartments(actor, { includeInactive: true }),
  ]);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const names = new Map(departments.map((d) => [d.id, d.name]));

  // Only leaders delegate or act for one another: principals first, then deputies.
  const leaders = [...new Map([...principals, ...deputies].map((u) => [u.id, u])).values()];
  const leaderOptions = leaders.map((u) => ({ value: u.id, label: u.title ? `${u.name}（${u.title}）` : u.name }));
  const departmentOptions = departments.filter((d) => d.active && d.kind !== "leadership").map((d) => ({ value: d.id, label: d.name }));

  return (
    <>
      <PageHeader title={t("nav.delegations")} description={t("delegations.description")} />
      <div className="grid gap-4 xl:grid-cols-3">
        <Card title={t("delegations.list")} className="min-w-0 self-start xl:col-span-2">
          {delegations.length ? (
            <Table head={[t("delegations.fromTo"), t("delegations.period"), t("delegations.scope"), t("delegations.note"), t("common.status"), t("common.actions")]}>
              {delegations.map((d) => {
                const status = statusOf(d, today);
                return (
                  <tr key={d.id} data-testid={`delegation-row-${d.id}`} className={status === "ended" || status === "revoked" ? "text-slate-500" : undefined}>
                    <Td className="whitespace-nowrap">
                      {d.fromName} <span aria-hidden="true">→</span>
                      <span className="sr-only">{t("delegations.toSr")}</span> {d.toName}
                    </Td>
                    <Td className="whitespace-nowrap">{t("delegations.range", { from: day(d.startsOn), to: day(d.endsOn) })}</Td>
                    <Td>{d.departmentIds.length ? d.departmentIds.map((id) => names.get(id) ?? `#${id}`).join(t("delegations.listSeparator")) : t("delegations.wholeAuthority")}</Td>
                    <Td className="min-w-28 max-w-56 break-words">{d.note ?? ""}</Td>
                    <Td>
                      <Badge tone={STATUS_TONE[status]}>{t(`delegations.status.${status}`)}</Badge>
                    </Td>
                    <Td>
                      {(status === "inForce" || status === "upcoming") && (
                        <InlineAction
                          action={revokeDelegationAction}
                          fields={{ id: d.id, version: d.version }}
                          variant="danger"
                          confirm={t("delegations.confirmRevoke", { from: d.fromName, to: d.toName })}
                        >
                          {t("delegations.revoke")}
                        </InlineAction>
                      )}
                    </Td>
                  </tr>
                );
              })}
            </Table>
          ) : (
            <EmptyState>{t("delegations.empty")}</EmptyState>
          )}
        </Card>
        <Card title={t("delegations.createTitle")} className="min-w-0 self-start">
          <DelegationForm action={createDelegationAction} leaders={leaderOptions} departments={departmentOptions} today={today} />
        </Card>
      </div>
    </>
  );
}
