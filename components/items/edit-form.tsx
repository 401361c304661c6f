"use client";
import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton, TextArea, type Option } from "@/components/ui/form";
import { editItemAction } from "@/lib/actions/items";
import { URGENCIES, type Urgency } from "@/lib/domain/items/vocabulary";
import { CheckboxField, DateField, RadioGroup } from "./fields";
import { DepartmentFields } from "./department-fields";

export type EditableItem = {
  id: number;
  version: number;
  urgency: Urgency;
  major: boolean;
  dueOn: string;
  leadDepartmentId: number;
  supportDepartmentIds: number[];
};

/** Changing departments, deadline or urgency before the item is sent (office, or the deciding leader). */
export function EditItemForm({ item, departments, today }: { item: EditableItem; departments: Option[]; today: string }) {
  const t = useTranslations("items");
  return (
    <ActionForm action={editItemAction} className="space-y-4" testId="edit-item-form">
      <input type="hidden" name="id" value={item.id} />
      <input type="hidden" name="version" value={item.version} />
      <RadioGroup name="urgency" label={t("urgency")} defaultValue={item.urgency} options={URGENCIES.map((u) => ({ value: u, label: t(`urgencies.${u}`) }))} />
      <CheckboxField name="major" label={t("major")} defaultChecked={item.major} />
      <DepartmentFields departments={departments} today={today} initial={{ lead: String(item.leadDepartmentId), support: item.supportDepartmentIds.map(String) }} />
      <DateField name="dueOn" label={t("dueOn")} min={today} defaultValue={item.dueOn} />
      <TextArea name="note" label={t("edit.note")} rows={2} />
      <SubmitButton>{t("edit.submit")}</SubmitButton>
    </ActionForm>
  );
}
