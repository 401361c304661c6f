import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { listWebhooks } from "@/lib/dal/webhooks";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { WebhookForm } from "@/components/api/webhook-form";

export async function generateMetadata() {
  return { title: (await getTranslations("api"))("webhooks.title") };
}

/** Outgoing webhooks: the registered endpoints with their delivery counts, and a form to add one. */
export default async function WebhooksPage() {
  const actor = await requireHome("admin");
  const [t, format, hooks] = await Promise.all([getTranslations("api"), getFormatter(), listWebhooks(actor)]);
  return (
    <>
      <PageHeader title={t("webhooks.title")} description={t("webhooks.description")} />
      <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
        <Card title={t("webhooks.list")}>
          {hooks.length ? (
            <Table caption={t("webhooks.list")} head={[t("webhooks.name"), t("webhooks.events"), t("webhooks.status"), t("webhooks.deliveries"), t("webhooks.lastDelivered")]}>
              {hooks.map((h) => (
                <tr key={h.id} data-testid={`webhook-row-${h.id}`}>
                  <Td>
                    <Link href={`/admin/webhooks/${h.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {h.name}
                    </Link>
                    <span className="block max-w-72 truncate font-mono text-xs text-slate-500">{h.url}</span>
                  </Td>
                  <Td>
                    <span className="flex flex-wrap gap-1">
                      {h.events.map((e) => (
                        <Badge key={e} tone="brand">
                          {e}
                        </Badge>
                      ))}
                    </span>
                  </Td>
                  <Td>{h.active ? <Badge tone="green">{t("webhooks.active")}</Badge> : <Badge>{t("webhooks.paused")}</Badge>}</Td>
                  <Td className="whitespace-nowrap text-xs">{t("webhooks.counts", { delivered: h.delivered, pending: h.pending, failed: h.failed })}</Td>
                  <Td className="whitespace-nowrap text-xs">
                    {h.lastDeliveredAt ? <time dateTime={h.lastDeliveredAt.toISOString()}>{format.dateTime(h.lastDeliveredAt, { dateStyle: "medium", timeStyle: "short" })}</time> : t("webhooks.never")}
                  </Td>
                </tr>
              ))}
            </Table>
          ) : (
            <EmptyState>{t("webhooks.none")}</EmptyState>
          )}
        </Card>
        <Card title={t("webhooks.new")}>
          <WebhookForm />
        </Card>
      </div>
    </>
  );
}
