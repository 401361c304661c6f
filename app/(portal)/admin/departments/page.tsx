import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { listDepartments, type DepartmentDto } from "@/lib/dal/departments";
import { createDepartmentAction, setDepartmentActiveAction, updateDepartmentAction } from "@/lib/actions/admin/departments";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/styles";
import { InlineAction } from "@/components/ui/form";
import { DepartmentForm } from "./department-form";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("departments") };
}

/** Departments in tree order: each parent followed by its children, with their depth. */
function treeOrder(all: DepartmentDto[]): { d: DepartmentDto; depth: number }[] {
  const ids = new Set(all.map((d) => d.id));
  const children = new Map<number | null, DepartmentDto[]>();
  for (const d of all) {
    const key = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    children.set(key, [...(children.get(key) ?? []), d]);
  }
  const out: { d: DepartmentDto; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const d of children.get(parent) ?? []) {
      out.push({ d, depth });
      walk(d.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<{ edit?: string }> }) {
  const actor = await requireHome("admin");
  const { edit } = await searchParams;
  const [t, tk, all] = await Promise.all([getTranslations(), getTranslations("departmentKinds"), listDepartments(actor, { includeInactive: true })]);
  const rows = treeOrder(all);
  const editing = all.find((d) => String(d.id) === edit);
  const parents = all.filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));

  return (
    <>
      <PageHeader title={t("nav.departments")} description={t("admin.departments.description")} />
      <div className="grid gap-4 xl:grid-cols-3">
        <Card title={t("admin.departments.list")} className="min-w-0 xl:col-span-2">
          <Table head={[t("admin.departments.name"), t("admin.departments.kind"), t("admin.departments.members"), t("common.status"), t("common.actions")]}>
            {rows.map(({ d, depth }) => (
              <tr key={d.id} data-testid={`department-row-${d.name}`}>
                <Td>
                  <span style={{ paddingInlineStart: `${depth * 1.25}rem` }}>{depth > 0 ? "└ " : ""}{d.name}</span>
                </Td>
                <Td>{tk(d.kind)}</Td>
                <Td>{d.memberCount}</Td>
                <Td>{d.active ? <Badge tone="green">{t("common.active")}</Badge> : <Badge>{t("common.inactive")}</Badge>}</Td>
                <Td>
                  <div className="flex flex-wrap gap-2">
                  <Link href={`/admin/departments?edit=${d.id}`} className={buttonClass("ghost")}>
                    {t("common.edit")}
                  </Link>
                  <InlineAction
                    action={setDepartmentActiveAction}
                    fields={{ id: d.id, version: d.version, active: String(!d.active) }}
                    variant={d.active ? "danger" : "secondary"}
                  >
                    {d.active ? t("common.disable") : t("common.enable")}
                  </InlineAction>
                  </div>
                </Td>
              </tr>
            ))}
          </Table>
        </Card>
        <div className="space-y-4">
          {editing && (
            <Card title={t("admin.departments.editTitle", { name: editing.name })} actions={<Link href="/admin/departments" className="text-sm text-brand-600">{t("common.cancel")}</Link>}>
              <DepartmentForm key={`${editing.id}-${editing.version}`} action={updateDepartmentAction} department={editing} parents={parents.filter((p) => p.value !== editing.id)} />
            </Card>
          )}
          <Card title={t("admin.departments.createTitle")}>
            <DepartmentForm action={createDepartmentAction} parents={parents} resetOnSuccess />
          </Card>
        </div>
      </div>
    </>
  );
}
