import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { DomainError } from "@/lib/dal/errors";
import { getWebhook, listWebhookDeliveries } from "@/lib/dal/webhooks";
import { setWebhookActiveAction, testWebhookAction } from "@/lib/actions/api";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { InlineAction } from "@/components/ui/form";
import { Table, Td } from "@/components/ui/table";

export async function generateMetadata() {
  return { title: (await getTranslations("api"))("webhooks.title") };
}

const TONE = { pending: "amber", delivered: "green", failed: "seal" } as const;

/** One webhook: pause or resume it, send a test event, and its delivery history. */
export default async function WebhookPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ before?: string }> }) {
  const actor = await requireHome("admin");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const before = Number((await searchParams).before);
  const [t, format] = await Promise.all([getTranslations("api"), getFormatter()]);
  const hook = await getWebhook(actor, id).catch((e) => {
    if (e instanceof DomainError && e.code === "notFound") notFound();
    throw e;
  });
  const { deliveries, olderBefore } = await listWebhookDeliveries(actor, id, { before: Number.isInteger(before) && before > 0 ? before : undefined });
  const when = (d: Date | null) => (d ? <time dateTime={d.toISOString()}>{format.dateTime(d, { dateStyle: "short", timeStyle: "medium" })}</time> : "—");
  return (
    <>
      <PageHeader
        title={hook.name}
        description={hook.url}
        actions={
          <>
            {hook.active && (
              <InlineAction action={testWebhookAction} fields={{ id: hook.id }}>
                {t("webhooks.test")}
              </InlineAction>
            )}
            <InlineAction
              action={setWebhookActiveAction}
              fields={{ id: hook.id, version: hook.version, active: hook.active ? "false" : "true" }}
              variant={hook.active ? "danger" : "primary"}
            >
              {hook.active ? t("webhooks.deactivate") : t("webhooks.activate")}
            </InlineAction>
          </>
        }
      />
      <div className="space-y-4">
        <Card title={t("webhooks.settings")}>
          <dl className="grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
            <dt className="text-slate-500">{t("webhooks.status")}</dt>
            <dd>{hook.active ? <Badge tone="green">{t("webhooks.active")}</Badge> : <Badge>{t("webhooks.paused")}</Badge>}</dd>
            <dt className="text-slate-500">{t("webhooks.events")}</dt>
            <dd className="flex flex-wrap gap-1">
              {hook.events.map((e) => (
                <Badge key={e} tone="brand">
                  {e}
                </Badge>
              ))}
            </dd>
            <dt className="text-slate-500">{t("webhooks.signing")}</dt>
            <dd className="text-slate-700">{t("webhooks.signingHint")}</dd>
          </dl>
        </Card>
        <Card title={t("webhooks.history")}>
          {deliveries.length ? (
            <Table caption={t("webhooks.history")} head={[t("webhooks.delivery"), t("webhooks.event"), t("webhooks.status"), t("webhooks.attempts"), t("webhooks.lastResult"), t("webhooks.createdAt"), t("webhooks.nextAttempt")]}>
              {deliveries.map((d) => (
                <tr key={d.id} data-testid={`delivery-${d.id}`}>
                  <Td className="font-mono text-xs">#{d.id}</Td>
                  <Td className="font-mono text-xs">{d.event}</Td>
                  <Td>
                    <Badge tone={TONE[d.status]}>{t(`webhooks.statuses.${d.status}`)}</Badge>
                  </Td>
                  <Td className="tabular-nums">{d.attempts}</Td>
                  <Td className="max-w-64 text-xs break-words">
                    {d.lastStatusCode !== null && <span className="font-mono">HTTP {d.lastStatusCode} </span>}
                    {d.lastError}
                  </Td>
                  <Td className="whitespace-nowrap text-xs">{when(d.createdAt)}</Td>
                  <Td className="whitespace-nowrap text-xs">{d.status === "pending" ? when(d.nextAttemptAt) : d.status === "delivered" ? when(d.deliveredAt) : "—"}</Td>
                </tr>
              ))}
            </Table>
          ) : (
            <EmptyState>{t("webhooks.noDeliveries")}</EmptyState>
          )}
          {olderBefore && (
            <p className="mt-3 text-sm">
              <Link href={`/admin/webhooks/${hook.id}?before=${olderBefore}`} className="text-brand-600 hover:underline">
                {t("webhooks.older")}
              </Link>
            </p>
          )}
        </Card>
        <p className="text-sm">
          <Link href="/admin/webhooks" className="text-brand-600 hover:underline">
            {t("webhooks.back")}
          </Link>
        </p>
      </div>
    </>
  );
}
