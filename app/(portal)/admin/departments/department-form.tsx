"use client";
import { useTranslations } from "next-intl";
import { ActionForm, SelectField, SubmitButton, TextField, type Option } from "@/components/ui/form";
import type { ActionState } from "@/lib/actions/form";
import type { DepartmentDto } from "@/lib/dal/departments";
import { DEPARTMENT_KINDS } from "@/lib/domain/roles";

export function DepartmentForm({
  action,
  department,
  parents,
  resetOnSuccess,
}: {
  action: (prev: ActionState, data: FormData) => Promise<ActionState>;
  department?: DepartmentDto;
  parents: Option[];
  resetOnSuccess?: boolean;
}) {
  const t = useTranslations();
  return (
    <ActionForm action={action} resetOnSuccess={resetOnSuccess} testId={department ? "department-edit-form" : "department-create-form"}>
      {department && (
        <>
          <input type="hidden" name="id" value={department.id} />
          <input type="hidden" name="version" value={department.version} />
        </>
      )}
      <TextField name="name" label={t("admin.departments.name")} defaultValue={department?.name} required maxLength={60} />
      <SelectField
        name="kind"
        label={t("admin.departments.kind")}
        defaultValue={department?.kind ?? "functional"}
        options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`departmentKinds.${k}`) }))}
      />
      <SelectField name="parentId" label={t("admin.departments.parent")} defaultValue={department?.parentId} placeholder={t("admin.departments.noParent")} options={parents} />
      <TextField name="sortOrder" label={t("admin.departments.sortOrder")} type="number" defaultValue={department?.sortOrder ?? 0} />
      <SubmitButton pending={t("common.saving")}>{department ? t("common.save") : t("admin.departments.create")}</SubmitButton>
    </ActionForm>
  );
}
