import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { organisationCounts } from "@/lib/dal/homes";
import { Card, PageHeader } from "@/components/ui/card";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("admin") };
}

const SECTIONS = ["departments", "users", "portfolios", "delegations", "calendar", "audit"] as const;

export default async function AdminHome() {
  const actor = await requireHome("admin");
  const [t, counts] = await Promise.all([getTranslations(), organisationCounts(actor)]);
  return (
    <>
      <PageHeader title={t("admin.title")} description={t("admin.description")} />
      <div className="mb-4 grid grid-cols-3 gap-3">
        {(["departments", "people", "deputies"] as const).map((k) => (
          <Card key={k}>
            <p className="text-xs text-slate-500">{t(`home.office.${k}`)}</p>
            <p className="text-2xl font-semibold text-brand-700">{counts[k]}</p>
          </Card>
        ))}
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {SECTIONS.map((s) => (
          <li key={s}>
            <Link href={`/admin/${s}`} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
              <span className="font-medium text-brand-700">{t(`nav.${s}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
