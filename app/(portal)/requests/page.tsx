import Link from "next/link";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { listRequests, scopesOf, type RequestScope } from "@/lib/dal/requests/queries";
import { REQUEST_STATES, type RequestState } from "@/lib/domain/requests/lifecycle";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { RequestList } from "@/components/requests/request-list";
import { parseRecordId } from "@/lib/http/record-id";

type Search = Promise<{ scope?: string; state?: string; after?: string }>;

export async function generateMetadata() {
  return { title: (await getTranslations("requests"))("title") };
}

/** The states each list filters by: the office does not see drafts. */
const TABS: Record<RequestScope, readonly RequestState[]> = {
  department: REQUEST_STATES,
  office: REQUEST_STATES.filter((s) => s !== "draft"),
  leader: ["awaiting_decision", "approved", "rejected", "instructed", "withdrawn"],
};

export default async function RequestsPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor();
  const scopes = scopesOf(actor);
  if (!scopes.length) forbidden();
  const sp = await searchParams;
  const scope = (scopes as string[]).includes(sp.scope ?? "") ? (sp.scope as RequestScope) : scopes[0];
  const state = (TABS[scope] as readonly string[]).includes(sp.state ?? "") ? (sp.state as RequestState) : undefined;
  const after = parseRecordId(sp.after ?? "") ?? undefined;
  const [t, page] = await Promise.all([getTranslations("requests"), listRequests(actor, { scope, state, cursor: after })]);
  const href = (q: { scope?: RequestScope; state?: RequestState; after?: number }) => {
    const params = new URLSearchParams();
    params.set("scope", q.scope ?? scope);
    if (q.state) params.set("state", q.state);
    if (q.after) params.set("after", String(q.after));
    return `/requests?${params}`;
  };
  const tab = (active: boolean) =>
    `inline-flex min-h-9 items-center rounded-md px-3 text-sm ${active ? "bg-brand-600 font-medium text-white" : "text-slate-700 hover:bg-slate-100"}`;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          scopes.includes("department") && (
            <Link href="/requests/new" className={buttonClass("primary")}>
              {t("list.newRequest")}
            </Link>
          )
        }
      />
      {scopes.length > 1 && (
        <nav aria-label={t("list.scope")} className="mb-3 flex flex-wrap gap-1">
          {scopes.map((s) => (
            <Link key={s} href={href({ scope: s })} className={tab(s === scope)} aria-current={s === scope ? "page" : undefined}>
              {t(`scopes.${s}`)}
            </Link>
          ))}
        </nav>
      )}
      <Card title={t(`scopes.${scope}`)}>
        <nav aria-label={t("list.filter")} className="mb-3 flex flex-wrap gap-1 border-b border-slate-100 pb-3" data-testid="request-state-tabs">
          <Link href={href({})} className={tab(!state)} aria-current={!state ? "page" : undefined}>
            {t("list.all")}
          </Link>
          {TABS[scope].map((s) => (
            <Link key={s} href={href({ state: s })} className={tab(state === s)} aria-current={state === s ? "page" : undefined}>
              {t(`states.${s}`)}
            </Link>
          ))}
        </nav>
        <RequestList rows={page.rows} empty={t("list.empty")} showDepartment={scope !== "department"} />
        {(after || page.next) && (
          <nav aria-label={t("list.pages")} className="mt-3 flex flex-wrap justify-between gap-2">
            {after ? (
              <Link href={href({ state })} className={buttonClass("ghost")}>
                <span aria-hidden="true">«</span> {t("list.first")}
              </Link>
            ) : (
              <span />
            )}
            {page.next && (
              <Link href={href({ state, after: page.next })} className={buttonClass("secondary")} rel="next" data-testid="requests-more">
                {t("list.more")} <span aria-hidden="true">›</span>
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}
