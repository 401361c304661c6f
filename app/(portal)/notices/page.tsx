import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { myNotices, sentNotices } from "@/lib/dal/notices/queries";
import { mayPublish } from "@/lib/domain/notices/receipts";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { MyNoticeList, SentNoticeList } from "@/components/notices/notice-list";
import { NoticeTabs } from "@/components/notices/tabs";

export async function generateMetadata() {
  return { title: (await getTranslations("notices"))("title") };
}

export default async function NoticesPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const [actor, { tab }] = await Promise.all([requireActor(), searchParams]);
  const t = await getTranslations("notices");
  const sends = mayPublish(actor.roles, "notice");
  const showSent = tab === "sent" && sends;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          sends && (
            <Link href="/notices/new" className={buttonClass("primary")} data-testid="notice-new">
              {t("new")}
            </Link>
          )
        }
      />
      <NoticeTabs actor={actor} current={showSent ? "sent" : "mine"} />
      <Card>{showSent ? <SentNoticeList rows={await sentNotices(actor)} /> : <MyNoticeList rows={await myNotices(actor)} />}</Card>
    </>
  );
}
