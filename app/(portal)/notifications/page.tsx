import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { myNotifications } from "@/lib/dal/notifications";
import { markAllReadAction, markReadAction } from "@/lib/actions/notifications";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { InlineAction } from "@/components/ui/form";
import { buttonClass } from "@/components/ui/styles";
import { parseRecordId } from "@/lib/http/record-id";

export async function generateMetadata() {
  return { title: (await getTranslations("notifications"))("title") };
}

const PAGE = 50;

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const actor = await requireActor();
  const { before } = await searchParams;
  const cursor = parseRecordId(before ?? "") ?? undefined;
  const [t, format, rows] = await Promise.all([getTranslations("notifications"), getFormatter(), myNotifications(actor, { before: cursor, limit: PAGE + 1 })]);
  const page = rows.slice(0, PAGE);
  const older = rows.length > PAGE ? page[page.length - 1].id : null;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          page.some((n) => !n.read) ? (
            <InlineAction action={markAllReadAction} fields={{}}>
              {t("markAllRead")}
            </InlineAction>
          ) : undefined
        }
      />
      <Card>
        {page.length ? (
          <ul className="divide-y divide-slate-100" data-testid="notifications">
            {page.map((n) => (
              <li key={n.id} className="flex flex-wrap items-start justify-between gap-2 py-3 text-sm">
                <div className="min-w-0">
                  <p className={n.read ? "text-slate-600" : "font-semibold text-slate-900"}>
                    {!n.read && <Badge tone="seal">{t("new")}</Badge>} {t.has(`kinds.${n.kind}`) ? t(`kinds.${n.kind}`) : n.kind}
                  </p>
                  {n.href && (
                    // A plain link (no prefetch): opening it marks the notification read, then goes on to n.href.
                    <a href={`/notifications/${n.id}`} className="text-brand-600 hover:underline" data-testid="notification-link">
                      {n.itemNumber} {n.title}
                    </a>
                  )}
                </div>
                <div className="flex items-center gap-3">
                  <time className="text-xs text-slate-500" dateTime={n.createdAt.toISOString()}>
                    {format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                  {!n.read && (
                    <InlineAction action={markReadAction} fields={{ id: n.id }}>
                      {t("markRead")}
                    </InlineAction>
                  )}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>{t("empty")}</EmptyState>
        )}
        {older && (
          <div className="mt-4 text-right">
            <Link href={`/notifications?before=${older}`} className={buttonClass("secondary")} rel="next">
              {t("older")}
            </Link>
          </div>
        )}
      </Card>
    </>
  );
}
