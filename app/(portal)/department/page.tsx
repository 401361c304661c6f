import { getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { portfoliosInForce } from "@/lib/dal/homes";
import { listUsers } from "@/lib/dal/users";
import { today as orgToday } from "@/lib/clock";
import { HomeGreeting } from "@/components/home-greeting";
import { MyNoticesCard } from "@/components/notices/my-notices-card";
import { Badge, Card } from "@/components/ui/card";
import { DepartmentInbox, parseInboxCursor } from "@/components/item-lists/department-inbox";
import { DepartmentRequests } from "@/components/requests/department-requests";
import { DepartmentMatters } from "@/components/coordination/department-matters";

export async function generateMetadata() {
  return { title: (await getTranslations("homes"))("department") };
}

export default async function DepartmentHome({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const actor = await requireHome("department");
  const after = parseInboxCursor((await searchParams).after);
  const today = orgToday();
  const [t, tr, members, portfolio] = await Promise.all([
    getTranslations("home.department"),
    getTranslations("roles"),
    listUsers(actor, { departmentId: actor.departmentId }),
    portfoliosInForce(actor, today),
  ]);
  const deputies = [...new Set(portfolio.filter((p) => p.departmentId === actor.departmentId).map((p) => p.deputyName))];
  return (
    <>
      <HomeGreeting actor={actor} title={`${t("title")} · ${actor.departmentName}`} />
      <p className="-mt-4 mb-4 text-sm text-slate-600">{deputies.length ? t("overseenBy", { names: deputies.join("、") }) : t("noDeputy")}</p>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("inbox")} className="lg:col-span-2">
          <DepartmentInbox actor={actor} after={after} basePath="/department" />
        </Card>
        <Card title={t("members")}>
          <ul className="divide-y divide-slate-100" data-testid="department-members">
            {members.map((m) => (
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
          <DepartmentRequests actor={actor} />
        </div>
        <Card title={t("coordination")}>
          <DepartmentMatters actor={actor} />
        </Card>
        <MyNoticesCard actor={actor} />
      </div>
    </>
  );
}
