import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { scopesOf } from "@/lib/dal/requests/queries";
import { createRequestAction } from "@/lib/actions/requests";
import { today } from "@/lib/clock";
import { Card, PageHeader } from "@/components/ui/card";
import { RequestForm } from "@/components/requests/request-form";

export async function generateMetadata() {
  return { title: (await getTranslations("requests"))("new.title") };
}

export default async function NewRequestPage() {
  const actor = await requireActor();
  // Department members draft requests for their own department.
  if (!scopesOf(actor).includes("department")) forbidden();
  const t = await getTranslations("requests");
  return (
    <>
      <PageHeader title={t("new.title")} description={t("new.description")} />
      <Card className="max-w-3xl">
        <p className="mb-4 text-sm text-slate-600">
          {t("new.department", { name: actor.departmentName })}
        </p>
        <RequestForm action={createRequestAction} today={today()} submitLabel={t("new.submit")} pendingLabel={t("new.submitting")} />
        <p className="mt-3 text-xs text-slate-500">{t("new.attachHint")}</p>
      </Card>
    </>
  );
}
