import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { listAuditEvents } from "@/lib/dal/audit";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/styles";
import { parseRecordId } from "@/lib/http/record-id";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("audit") };
}

const ENTITIES = ["department", "user", "portfolio", "delegation", "calendar", "organisation"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string; entity?: string }> }) {
  const actor = await requireHome("admin");
  const params = await searchParams;
  const before = parseRecordId(params.before ?? "") ?? undefined;
  // Any well-formed record type filters, also one added later than this list.
  const entity = /^[a-z][a-z_]{0,39}$/.test(params.entity ?? "") ? params.entity : undefined;
  const entityOptions: string[] = entity && !(ENTITIES as readonly string[]).includes(entity) ? [...ENTITIES, entity] : [...ENTITIES];
  const [t, format, page] = await Promise.all([getTranslations(), getFormatter(), listAuditEvents(actor, { before, entity })]);

  const query = (p: { before?: number }) => {
    const q = new URLSearchParams();
    if (entity) q.set("entity", entity);
    if (p.before) q.set("before", String(p.before));
    const s = q.toString();
    return s ? `/admin/audit?${s}` : "/admin/audit";
  };
  const actionLabel = (a: string) => (t.has(`audit.actions.${a}`) ? t(`audit.actions.${a}`) : a);
  const entityLabel = (e: string) => (t.has(`audit.entities.${e}`) ? t(`audit.entities.${e}`) : e);

  return (
    <>
      <PageHeader title={t("nav.audit")} description={t("audit.description")} />
      <Card
        title={before ? t("audit.olderTitle") : t("audit.latestTitle")}
        actions={
          <form method="get" action="/admin/audit" className="flex flex-wrap items-center gap-2" role="search">
            <label htmlFor="audit-entity" className="text-sm text-slate-600">
              {t("audit.entity")}
            </label>
            <select id="audit-entity" name="entity" defaultValue={entity ?? ""} className="min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand-600">
              <option value="">{t("common.all")}</option>
              {entityOptions.map((e) => (
                <option key={e} value={e}>
                  {entityLabel(e)}
                </option>
              ))}
            </select>
            <button type="submit" className={buttonClass("secondary")}>
              {t("common.filter")}
            </button>
          </form>
        }
      >
        {page.events.length ? (
          <Table head={[t("audit.at"), t("audit.actor"), t("audit.action"), t("audit.record"), t("audit.data")]} caption={t("nav.audit")}>
            {page.events.map((e) => (
              <tr key={e.id} data-testid={`audit-row-${e.id}`}>
                <Td className="whitespace-nowrap tabular-nums text-slate-600">{format.dateTime(e.at, { dateStyle: "short", timeStyle: "medium" })}</Td>
                <Td>
                  {e.actorName ?? <span className="text-slate-500">{t(e.action.startsWith("auth.") ? "audit.anonymous" : "audit.system")}</span>}
                  {e.onBehalfOfName && <span className="block text-xs text-slate-500">{t("audit.onBehalfOf", { name: e.onBehalfOfName })}</span>}
                </Td>
                <Td>
                  <span className="block">{actionLabel(e.action)}</span>
                  <code className="text-[11px] text-slate-500">{e.action}</code>
                </Td>
                <Td className="whitespace-nowrap">
                  {entityLabel(e.entity)}
                  {e.entityId && <span className="text-slate-500"> #{e.entityId}</span>}
                </Td>
                <Td className="max-w-xs">
                  {Object.keys(e.data).length ? (
                    <details>
                      <summary className="cursor-pointer text-xs text-brand-600">{t("audit.showData")}</summary>
                      <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-700">{JSON.stringify(e.data)}</pre>
                    </details>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </Td>
              </tr>
            ))}
          </Table>
        ) : (
          <EmptyState>{t("audit.empty")}</EmptyState>
        )}
        <nav aria-label={t("audit.pages")} className="mt-4 flex flex-wrap justify-between gap-2">
          {before ? (
            <Link href={query({})} className={buttonClass("ghost")}>
              <span aria-hidden="true">«</span> {t("audit.newest")}
            </Link>
          ) : (
            <span />
          )}
          {page.olderBefore && (
            <Link href={query({ before: page.olderBefore })} className={buttonClass("secondary")} rel="next" data-testid="audit-older">
              {t("audit.older")} <span aria-hidden="true">›</span>
            </Link>
          )}
        </nav>
      </Card>
    </>
  );
}
