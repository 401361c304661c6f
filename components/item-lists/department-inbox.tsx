import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { departmentInbox, type InboxEntry } from "@/lib/dal/items/queries";
import { today } from "@/lib/clock";
import { Badge, EmptyState } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { DueDate, StateBadge, UrgencyBadge } from "./badges";

const PAGE = 50;

/** "after" in the address: <dueOn>_<id> of the last row shown (keyset, never OFFSET). */
export function parseInboxCursor(value: string | undefined): { dueOn: string; id: number } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})_(\d{1,15})$/.exec(value ?? "");
  return m ? { dueOn: m[1], id: Number(m[2]) } : undefined;
}

/** The department's items: to sign for, then in hand; each with its role and its own due date. */
export async function DepartmentInbox({ actor, after, basePath }: { actor: Actor; after?: { dueOn: string; id: number }; basePath: string }) {
  return <InboxPage rows={await departmentInbox(actor, { after, limit: PAGE + 1 })} after={after} basePath={basePath} />;
}

/** The inbox from rows already read (up to PAGE + 1: an extra row means there is a next page); the benchmark's floor renders it too. */
export async function InboxPage({ rows, after, basePath }: { rows: InboxEntry[]; after?: { dueOn: string; id: number }; basePath: string }) {
  const t = await getTranslations("itemLists");
  const page = rows.slice(0, PAGE);
  const last = rows.length > PAGE ? page[page.length - 1] : null;
  const on = today();
  const toSign = page.filter((r) => !r.signed);
  const inHand = page.filter((r) => r.signed);
  const complete = !after && !last;

  const section = (key: "toSign" | "inHand", entries: InboxEntry[]) => (
    <section aria-labelledby={`inbox-${key}`} data-testid={`inbox-${key}`}>
      <h3 id={`inbox-${key}`} className="mb-1 flex items-center gap-2 text-sm font-semibold text-slate-700">
        {t(`inbox.${key}`)}
        {/* Counts only when the whole inbox is on this page; otherwise they would undercount. */}
        {complete && <span className="rounded-full bg-slate-100 px-2 text-xs font-normal tabular-nums text-slate-600">{entries.length}</span>}
      </h3>
      {entries.length ? (
        <ul className="divide-y divide-slate-100">
          {entries.map((e) => (
            <li key={e.id} className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 py-2.5" data-testid={`inbox-item-${e.id}`}>
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <Badge tone={e.role === "lead" ? "brand" : "slate"}>{t(`roles.${e.role}`)}</Badge>
                  {e.urgency !== "normal" && <UrgencyBadge urgency={e.urgency} />}
                  <span className="text-xs tabular-nums text-slate-500">{e.number}</span>
                </div>
                <Link href={`/items/${e.id}`} className="mt-0.5 block font-medium text-brand-700 hover:underline">
                  {e.title}
                </Link>
                {/* A support department may sign before the lead does; "to sign for" would then mislead. */}
                {e.signed && e.state === "sent" ? (
                  <div className="mt-1">
                    <Badge tone="amber">{t("inbox.leadNotSigned")}</Badge>
                  </div>
                ) : (
                  (e.signed || e.state !== "sent") && (
                    <div className="mt-1">
                      <StateBadge state={e.state} />
                    </div>
                  )
                )}
              </div>
              <div className="text-right text-sm">
                <span className="block text-xs text-slate-500">{t(e.role === "lead" ? "inbox.due" : "inbox.subDue")}</span>
                <DueDate dueOn={e.myDueOn ?? e.dueOn} today={on} open={e.state !== "completion_reported"} />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="py-3 text-sm text-slate-500">{t(`inbox.${key}Empty`)}</p>
      )}
    </section>
  );

  if (!page.length && !after) return <EmptyState>{t("inbox.empty")}</EmptyState>;
  return (
    <div className="space-y-5">
      {section("toSign", toSign)}
      {section("inHand", inHand)}
      {(after || last) && (
        <nav aria-label={t("inbox.pages")} className="flex flex-wrap justify-between gap-2">
          {after ? (
            <Link href={basePath} className={buttonClass("ghost")}>
              <span aria-hidden="true">«</span> {t("inbox.first")}
            </Link>
          ) : (
            <span />
          )}
          {last && (
            <Link href={`${basePath}?after=${last.dueOn}_${last.id}`} className={buttonClass("secondary")} rel="next" data-testid="inbox-more">
              {t("inbox.more")} <span aria-hidden="true">›</span>
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
