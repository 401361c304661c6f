import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { listDepartments } from "@/lib/dal/departments";
import { isOffice } from "@/lib/dal/items/context";
import { isLeader } from "@/lib/domain/roles";
import { today } from "@/lib/clock";
import { registerItemAction } from "@/lib/actions/items";
import { Card, PageHeader } from "@/components/ui/card";
import { RegisterItemForm } from "@/components/items/register-form";

export async function generateMetadata() {
  return { title: (await getTranslations("items"))("register.title") };
}

export default async function RegisterItemPage() {
  const actor = await requireActor();
  // The office registers; a leader may too (and then sends it down with 急事急办).
  if (!isOffice(actor) && !isLeader(actor.roles)) forbidden();
  const [t, departments] = await Promise.all([getTranslations("items"), listDepartments(actor)]);
  const options = departments.filter((d) => d.kind !== "leadership").map((d) => ({ value: d.id, label: d.name }));
  return (
    <>
      <PageHeader title={t("register.title")} description={t("register.description")} />
      <Card className="max-w-3xl">
        <RegisterItemForm action={registerItemAction} departments={options} today={today()} canPropose={isOffice(actor)} />
      </Card>
    </>
  );
}
