import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { listDepartments } from "@/lib/dal/departments";
import { mayAct } from "@/lib/domain/coordination/lifecycle";
import { Card, PageHeader } from "@/components/ui/card";
import { RaiseMatterForm } from "@/components/coordination/raise-form";

export async function generateMetadata() {
  return { title: (await getTranslations("coordination"))("new.title") };
}

export default async function RaiseMatterPage() {
  const actor = await requireActor();
  // Department heads raise matters (the data layer checks again).
  if (!mayAct("raise", { roles: actor.roles, inRaisingDepartment: true, isNamedParty: false, isRoutedLeader: false })) forbidden();
  const [t, departments] = await Promise.all([getTranslations("coordination"), listDepartments(actor)]);
  // Matters are between departments: not the leadership, not the office that coordinates them.
  const options = departments.filter((d) => d.kind === "functional" && d.id !== actor.departmentId).map((d) => ({ value: d.id, label: d.name }));
  return (
    <>
      <PageHeader title={t("new.title")} description={t("new.description", { department: actor.departmentName })} />
      <Card className="max-w-3xl">
        <RaiseMatterForm departments={options} />
      </Card>
    </>
  );
}
