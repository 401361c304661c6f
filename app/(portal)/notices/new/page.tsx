import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { noticeFormOptions } from "@/lib/dal/notices/queries";
import { isOfficeRole, mayPublish } from "@/lib/domain/notices/receipts";
import { Card, PageHeader } from "@/components/ui/card";
import { NoticeForm } from "@/components/notices/notice-form";

export async function generateMetadata() {
  return { title: (await getTranslations("notices"))("form.title") };
}

/** The office and department heads write notices; the form offers only what they may address. */
export default async function NewNoticePage() {
  const actor = await requireActor();
  if (!mayPublish(actor.roles, "notice")) forbidden();
  const [t, tr, options] = await Promise.all([getTranslations("notices"), getTranslations("roles"), noticeFormOptions(actor)]);
  return (
    <>
      <PageHeader title={t("form.title")} description={t("form.description")} />
      <Card className="max-w-3xl">
        <NoticeForm
          kinds={options.kinds}
          departments={options.departments.map((d) => ({ value: d.id, label: d.name }))}
          roles={options.roles.map((r) => ({ value: r, label: tr(r) }))}
          people={options.people.map((p) => ({ value: p.id, label: `${p.name}（${p.departmentName}）` }))}
          headOnly={!isOfficeRole(actor.roles)}
        />
      </Card>
    </>
  );
}
