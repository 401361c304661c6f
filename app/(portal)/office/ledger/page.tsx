import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { ledger } from "@/lib/dal/items/queries";
import { listDepartments } from "@/lib/dal/departments";
import { listUsers } from "@/lib/dal/users";
import { ITEM_STATES, URGENCIES, isOpen } from "@/lib/domain/items/lifecycle";
import { today } from "@/lib/clock";
import { appConfig } from "@/lib/config";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { buttonClass, input } from "@/components/ui/styles";
import { DueDate, StateBadge, UrgencyBadge } from "@/components/item-lists/badges";
import { InlineAction } from "@/components/ui/form";
import { sweepNowAction } from "@/lib/actions/items";
import { formatDay, isoDayIn } from "@/components/item-lists/format";
import { parseLedgerParams } from "./filters";

const PAGE = 50;

export async function generateMetadata() {
  return { title: (await getTranslations("itemLists.ledger"))("title") };
}

export default async function LedgerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireHome("office");
  const params = parseLedgerParams(await searchParams);
  const [t, tc, format, rows, departments, principals, deputies] = await Promise.all([
    getTranslations("itemLists"),
    getTranslations("common"),
    getFormatter(),
    ledger(actor, params.filter, { before: params.before, after: params.after, limit: PAGE + 1 }),
    listDepartments(actor),
    listUsers(actor, { role: "principal" }),
    listUsers(actor, { role: "deputy" }),
  ]);
  const page = rows.slice(0, PAGE);
  const last = rows.length > PAGE ? page[page.length - 1] : null;
  const next: Record<string, string> | null = last ? (params.filter.sort === "due" ? { after: `${last.dueOn}_${last.id}` } : { before: String(last.id) }) : null;
  const paged = Boolean(params.before || params.after);
  const on = today();
  const v = params.values;
  const withQuery = (path: string, extra?: Record<string, string>) => {
    const q = new URLSearchParams(params.query);
    for (const [k, val] of Object.entries(extra ?? {})) q.set(k, val);
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  const filtered = params.query !== "";
  const leaders = [...principals, ...deputies.filter((d) => !principals.some((p) => p.id === d.id))];

  const field = "space-y-1";
  const label = "block text-xs font-medium text-slate-600";
  return (
    <>
      <PageHeader
        title={t("ledger.title")}
        description={t("ledger.description")}
        actions={
          <>
          <InlineAction action={sweepNowAction} fields={{}}>
            {t("ledger.sweepNow")}
          </InlineAction>
          <a href={withQuery("/office/ledger/export")} className={buttonClass("secondary")} data-testid="ledger-export" download>
            {t("ledger.export")}
          </a>
          </>
        }
      />
      <Card className="mb-4">
        <form method="get" action="/office/ledger" role="search" aria-label={t("ledger.filters")} className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="ledger-filters">
          <div className={`${field} col-span-2`}>
            <label htmlFor="ledger-q" className={label}>
              {t("ledger.q")}
            </label>
            <input id="ledger-q" name="q" type="search" defaultValue={v.q} maxLength={100} placeholder={t("ledger.qPlaceholder")} className={input} />
          </div>
          <div className={field}>
            <label htmlFor="ledger-state" className={label}>
              {t("ledger.state")}
            </label>
            <select id="ledger-state" name="state" defaultValue={v.state} className={input}>
              <option value="">{tc("all")}</option>
              <option value="open">{t("ledger.openStates")}</option>
              {ITEM_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`states.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={field}>
            <label htmlFor="ledger-sort" className={label}>
              {t("ledger.sort")}
            </label>
            <select id="ledger-sort" name="sort" defaultValue={v.sort} className={input}>
              <option value="">{t("ledger.sortNewest")}</option>
              <option value="due">{t("ledger.sortDue")}</option>
            </select>
          </div>
          <div className={field}>
            <label htmlFor="ledger-urgency" className={label}>
              {t("ledger.urgency")}
            </label>
            <select id="ledger-urgency" name="urgency" defaultValue={v.urgency} className={input}>
              <option value="">{tc("all")}</option>
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {t(`urgency.${u}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={`${field} col-span-2`}>
            <label htmlFor="ledger-dept" className={label}>
              {t("ledger.department")}
            </label>
            <div className="grid grid-cols-[minmax(0,1fr)_9rem] gap-2">
              <select id="ledger-dept" name="dept" defaultValue={v.dept} className={input}>
                <option value="">{tc("all")}</option>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
              <select name="role" defaultValue={v.role} aria-label={t("ledger.departmentRole")} className={input}>
                <option value="">{t("ledger.anyRole")}</option>
                <option value="lead">{t("ledger.leadOnly")}</option>
              </select>
            </div>
          </div>
          <div className={field}>
            <label htmlFor="ledger-leader" className={label}>
              {t("ledger.leader")}
            </label>
            <select id="ledger-leader" name="leader" defaultValue={v.leader} className={input}>
              <option value="">{tc("all")}</option>
              {leaders.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <div className={field}>
            <label htmlFor="ledger-due" className={label}>
              {t("ledger.dueWithin")}
            </label>
            <input id="ledger-due" name="due" type="number" min={0} max={366} inputMode="numeric" defaultValue={v.due} placeholder={t("ledger.dueWithinPlaceholder")} className={input} />
          </div>
          <fieldset className={`${field} col-span-2`}>
            <legend className={label}>{t("ledger.created")}</legend>
            <div className="flex items-center gap-1">
              <input name="from" type="date" defaultValue={v.from} aria-label={t("ledger.createdFrom")} className={`${input} min-w-0 flex-1`} />
              <span aria-hidden="true" className="text-slate-400">–</span>
              <input name="to" type="date" defaultValue={v.to} aria-label={t("ledger.createdTo")} className={`${input} min-w-0 flex-1`} />
            </div>
          </fieldset>
          <div className="col-span-2 flex flex-wrap items-end gap-x-4 gap-y-2">
            <label className="inline-flex min-h-9 items-center gap-2 text-sm">
              <input type="checkbox" name="overdue" value="1" defaultChecked={v.overdue} className="size-4" />
              {t("ledger.overdueOnly")}
            </label>
            <label className="inline-flex min-h-9 items-center gap-2 text-sm">
              <input type="checkbox" name="major" value="1" defaultChecked={v.major} className="size-4" />
              {t("ledger.majorOnly")}
            </label>
            <span className="ml-auto flex gap-2">
              {filtered && (
                <Link href="/office/ledger" className={buttonClass("ghost")}>
                  {t("ledger.clear")}
                </Link>
              )}
              <button type="submit" className={buttonClass("primary")}>
                {tc("filter")}
              </button>
            </span>
          </div>
        </form>
      </Card>
      <Card title={paged ? t("ledger.olderTitle") : filtered ? t("ledger.filteredTitle") : t("ledger.latestTitle")}>
        {page.length ? (
          <Table
            caption={t("ledger.title")}
            head={[t("ledger.columns.number"), t("ledger.columns.title"), t("ledger.columns.state"), t("ledger.columns.urgency"), t("ledger.columns.lead"), t("ledger.columns.leader"), t("ledger.columns.due"), t("ledger.columns.created")]}
          >
            {page.map((r) => (
              <tr key={r.id} data-testid={`ledger-row-${r.id}`}>
                <Td className="whitespace-nowrap tabular-nums text-slate-600">{r.number}</Td>
                <Td className="min-w-48">
                  <Link href={`/items/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    {r.title}
                  </Link>
                  {r.major && (
                    <span className="ml-1.5">
                      <Badge tone="seal">{t("major")}</Badge>
                    </span>
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  <StateBadge state={r.state} />
                </Td>
                <Td className="whitespace-nowrap">
                  <UrgencyBadge urgency={r.urgency} />
                </Td>
                <Td className="whitespace-nowrap">{r.leadDepartmentName}</Td>
                <Td className="whitespace-nowrap">{r.routedLeaderName ?? <span className="text-slate-500">—</span>}</Td>
                <Td>
                  <DueDate dueOn={r.dueOn} today={on} open={isOpen(r.state)} showDays={r.overdue} />
                </Td>
                <Td className="whitespace-nowrap tabular-nums text-slate-600">{formatDay(format, isoDayIn(r.createdAt, appConfig.timeZone))}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <EmptyState>{filtered ? t("ledger.emptyFiltered") : t("ledger.empty")}</EmptyState>
        )}
        <nav aria-label={t("ledger.pages")} className="mt-4 flex flex-wrap justify-between gap-2">
          {paged ? (
            <Link href={withQuery("/office/ledger")} className={buttonClass("ghost")}>
              <span aria-hidden="true">«</span> {t("ledger.newest")}
            </Link>
          ) : (
            <span />
          )}
          {next && (
            <Link href={withQuery("/office/ledger", next)} className={buttonClass("secondary")} rel="next" data-testid="ledger-older">
              {params.filter.sort === "due" ? t("ledger.nextPage") : t("ledger.older")} <span aria-hidden="true">›</span>
            </Link>
          )}
        </nav>
      </Card>
    </>
  );
}
