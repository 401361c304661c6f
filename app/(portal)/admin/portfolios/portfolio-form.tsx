"use client";
import { Fragment } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, SelectField, SubmitButton, TextField, type Option } from "@/components/ui/form";
import type { ActionState } from "@/lib/actions/form";
import type { PortfolioDto } from "@/lib/dal/portfolios";

export function PortfolioForm({
  action,
  portfolio,
  deputies,
  departments,
  today,
  resetOnSuccess,
}: {
  action: (prev: ActionState, data: FormData) => Promise<ActionState>;
  portfolio?: PortfolioDto;
  deputies: Option[];
  departments: Option[];
  today: string;
  resetOnSuccess?: boolean;
}) {
  const t = useTranslations();
  return (
    <ActionForm action={action} resetOnSuccess={resetOnSuccess} testId={portfolio ? "portfolio-edit-form" : "portfolio-create-form"}>
      {/* Keyed by version: after a save, or a change by someone else, the fields show the stored
          record, while the form itself (and its "saved" message) stays. */}
      <Fragment key={portfolio?.version ?? 0}>
        {portfolio && (
          <>
            <input type="hidden" name="id" value={portfolio.id} />
            <input type="hidden" name="version" value={portfolio.version} />
          </>
        )}
        <SelectField name="deputyId" label={t("portfolios.deputy")} defaultValue={portfolio?.deputyId} placeholder={t("portfolios.chooseDeputy")} options={deputies} />
        <SelectField name="departmentId" label={t("portfolios.department")} defaultValue={portfolio?.departmentId} placeholder={t("portfolios.chooseDepartment")} options={departments} />
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-1 2xl:grid-cols-2">
          <TextField name="startsOn" type="date" label={t("portfolios.startsOn")} defaultValue={portfolio?.startsOn ?? today} required />
          <TextField name="endsOn" type="date" label={t("portfolios.endsOn")} defaultValue={portfolio?.endsOn} hint={t("portfolios.endsOnHint")} />
        </div>
      </Fragment>
      <SubmitButton pending={t("common.saving")}>{portfolio ? t("common.save") : t("portfolios.create")}</SubmitButton>
    </ActionForm>
  );
}
