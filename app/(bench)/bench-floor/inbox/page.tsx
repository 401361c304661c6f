// BENCH ONLY: the department home (app/(portal)/department/page.tsx) rendering the same inbox
// page from memory — no database, no session check — as the floor the real page is measured
// against. The inbox itself is the real component (InboxPage); the other cards are drawn
// from the fixture with the same building blocks. 404 unless ZHONGSHU_BENCH_FLOOR=1.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { InboxPage } from "@/components/item-lists/department-inbox";
import { RequestList } from "@/components/requests/request-list";
import { floorFixture } from "../fixture";
import { FloorChrome } from "../chrome";

export async function generateMetadata() {
  await floorFixture();
  return { title: (await getTranslations("homes"))("department") };
}

export default async function InboxFloor() {
  const fixture = await floorFixture();
  const { actor, inbox } = fixture;
  const [t, th, tr, treq, tc, tn, format] = await Promise.all([
    getTranslations("home.department"),
    getTranslations("home"),
    getTranslations("roles"),
    getTranslations("requests"),
    getTranslations("coordination"),
    getTranslations("notices.card"),
    getFormatter(),
  ]);
  return (
    <FloorChrome fixture={fixture}>
      <PageHeader
        title={`${t("title")} · ${actor.departmentName}`}
        description={
          <>
            {th("welcome", { name: actor.name })} · {th("today", { date: format.dateTime(new Date(), { dateStyle: "full" }) })}{" "}
            <Badge tone={inbox.greeting.workingDay ? "brand" : "amber"}>{inbox.greeting.workingDay ? th("workingDay") : th("restDay")}</Badge>
          </>
        }
      />
      <p className="-mt-4 mb-4 text-sm text-slate-600">{inbox.deputies.length ? t("overseenBy", { names: inbox.deputies.join("、") }) : t("noDeputy")}</p>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("inbox")} className="lg:col-span-2">
          <InboxPage rows={inbox.rows} after={inbox.after} basePath="/department" />
        </Card>
        <Card title={t("members")}>
          <ul className="divide-y divide-slate-100" data-testid="department-members">
            {inbox.members.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  {m.name} <span className="text-slate-500">{m.title}</span>
                </span>
                <span className="flex gap-1">
                  {m.roles.map((r) => (
                    <Badge key={r}>{tr(r)}</Badge>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <div className="lg:col-span-2">
          <Card
            title={treq("home.departmentTitle")}
            actions={
              <span className="flex flex-wrap gap-2">
                <Link href="/requests/new" className={buttonClass("secondary")}>
                  {treq("home.newRequest")}
                </Link>
                <Link href="/requests?scope=department" className={buttonClass("ghost")}>
                  {treq("home.viewAll")}
                </Link>
              </span>
            }
          >
            <div data-testid="department-requests">
              <RequestList rows={inbox.requests} empty={treq("home.departmentEmpty")} showDepartment={false} />
            </div>
          </Card>
        </div>
        <Card title={t("coordination")}>
          <div className="space-y-3" data-testid="department-matters">
            <EmptyState>{tc("home.empty")}</EmptyState>
            <p className="flex flex-wrap justify-between gap-2 text-sm">
              <Link href="/coordination" className="text-brand-600 hover:underline">
                {tc("home.all")}
              </Link>
            </p>
          </div>
        </Card>
        <Card
          title={tn("title")}
          actions={
            <Link href="/notices" className="text-sm text-brand-600 hover:underline">
              {tn("all")}
            </Link>
          }
        >
          <div data-testid="my-notices-card">
            <p className="mb-2 flex gap-4 text-sm">
              <span>
                {tn("unread")} <span className="font-semibold tabular-nums">0</span>
              </span>
              <span>
                {tn("toConfirm")} <span className="font-semibold tabular-nums">0</span>
              </span>
            </p>
            <EmptyState>{tn("empty")}</EmptyState>
          </div>
        </Card>
      </div>
    </FloorChrome>
  );
}
