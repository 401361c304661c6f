import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { noticeBoard } from "@/lib/dal/notices/queries";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { NoticeMarkdown } from "@/components/notices/markdown";
import { NoticeTabs } from "@/components/notices/tabs";

export async function generateMetadata() {
  return { title: (await getTranslations("notices"))("board.title") };
}

/** The notice board: organisation-wide announcements (信息发布), no receipt. */
export default async function NoticeBoardPage() {
  const actor = await requireActor();
  const [t, format, rows] = await Promise.all([getTranslations("notices"), getFormatter(), noticeBoard(actor)]);
  return (
    <>
      <PageHeader title={t("board.title")} description={t("board.description")} />
      <NoticeTabs actor={actor} current="board" />
      {rows.length ? (
        <ul className="space-y-4" data-testid="notice-board">
          {rows.map((n) => (
            <li key={n.id} data-testid={`board-notice-${n.id}`}>
              <Card
                title={
                  <Link href={`/notices/${n.id}`} className="text-brand-700 hover:underline">
                    {n.title}
                  </Link>
                }
              >
                <p className="mb-2 text-xs text-slate-500">
                  {n.senderDepartmentName} · {t("list.publishedAt", { at: format.dateTime(n.publishedAt, { dateStyle: "medium", timeStyle: "short" }) })}
                  {n.revision > 1 && ` · ${t("list.revised")}`}
                </p>
                <NoticeMarkdown source={n.body} />
              </Card>
            </li>
          ))}
        </ul>
      ) : (
        <Card>
          <EmptyState>{t("board.empty")}</EmptyState>
        </Card>
      )}
    </>
  );
}
