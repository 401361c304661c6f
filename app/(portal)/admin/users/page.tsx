import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { listDepartments } from "@/lib/dal/departments";
import { listUsers, type UserFilter } from "@/lib/dal/users";
import { ROLES, type Role } from "@/lib/domain/roles";
import { createUserAction } from "@/lib/actions/admin/users";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { buttonClass, input } from "@/components/ui/styles";
import { UserForm } from "./user-form";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

type Params = { q?: string | string[]; department?: string | string[]; role?: string | string[]; inactive?: string | string[] };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** The filter from the query string; anything malformed is ignored rather than refused. */
function toFilter(p: Params): UserFilter {
  const q = one(p.q).trim().slice(0, 100);
  const departmentId = Number(one(p.department));
  const role = one(p.role);
  return {
    q: q || undefined,
    departmentId: Number.isInteger(departmentId) && departmentId > 0 ? departmentId : undefined,
    role: (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined,
    includeInactive: one(p.inactive) === "1",
  };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireHome("admin");
  const filter = toFilter(await searchParams);
  const [t, format, people, departments] = await Promise.all([
    getTranslations(),
    getFormatter(),
    listUsers(actor, filter),
    listDepartments(actor, { includeInactive: true }),
  ]);
  const filtered = !!(filter.q || filter.departmentId || filter.role || filter.includeInactive);
  const activeDepartments = departments.filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));

  return (
    <>
      <PageHeader
        title={t("users.title")}
        description={t("users.description")}
        actions={
          <a href="#new-user" className={buttonClass("primary")}>
            {t("users.create")}
          </a>
        }
      />
      <div className="space-y-4">
        <Card title={t("users.list")} actions={<span className="text-sm text-slate-500" data-testid="user-count">{t("users.count", { count: people.length })}</span>}>
          <form method="get" role="search" aria-label={t("users.filter.label")} className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto] lg:items-end">
            <div className="space-y-1">
              <label htmlFor="filter-q" className="block text-sm font-medium text-slate-700">
                {t("users.filter.q")}
              </label>
              <input id="filter-q" name="q" type="search" defaultValue={filter.q} placeholder={t("users.filter.qPlaceholder")} maxLength={100} className={input} />
            </div>
            <div className="space-y-1">
              <label htmlFor="filter-department" className="block text-sm font-medium text-slate-700">
                {t("users.filter.department")}
              </label>
              <select id="filter-department" name="department" defaultValue={filter.departmentId ?? ""} className={input}>
                <option value="">{t("users.filter.allDepartments")}</option>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.active ? d.name : t("users.filter.inactiveDepartment", { name: d.name })}
                  </option>
                ))}
              </select>
            </div>
            <div className="space-y-1">
              <label htmlFor="filter-role" className="block text-sm font-medium text-slate-700">
                {t("users.filter.role")}
              </label>
              <select id="filter-role" name="role" defaultValue={filter.role ?? ""} className={input}>
                <option value="">{t("users.filter.allRoles")}</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-1">
              <label className="inline-flex min-h-9 items-center gap-1.5 text-sm whitespace-nowrap">
                <input type="checkbox" name="inactive" value="1" defaultChecked={filter.includeInactive} className="size-4 accent-brand-600" />
                {t("users.filter.inactive")}
              </label>
              <button type="submit" className={buttonClass("secondary")}>
                {t("users.filter.apply")}
              </button>
              {filtered && (
                <Link href="/admin/users" className="text-sm text-brand-600 hover:underline">
                  {t("users.filter.clear")}
                </Link>
              )}
            </div>
          </form>
          {people.length ? (
            <Table
              caption={t("users.list")}
              head={[t("users.name"), t("users.login"), t("users.department"), t("users.roles"), t("users.status"), t("users.lastLogin"), t("common.actions")]}
            >
              {people.map((u) => (
                <tr key={u.id} data-testid={`user-row-${u.login}`} className={u.active ? undefined : "text-slate-500"}>
                  <Td className="whitespace-nowrap">
                    <Link href={`/admin/users/${u.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {u.name}
                    </Link>
                    {u.id === actor.id && (
                      <span className="ml-1.5">
                        <Badge>{t("users.you")}</Badge>
                      </span>
                    )}
                    {u.title && <span className="block text-xs text-slate-500">{u.title}</span>}
                  </Td>
                  <Td className="font-mono text-xs">{u.login}</Td>
                  <Td className="whitespace-nowrap">{u.departmentName}</Td>
                  <Td className="min-w-40">
                    <span className="flex flex-wrap gap-1">
                      {u.roles.map((r) => (
                        <Badge key={r} tone={r === "admin" ? "amber" : "brand"}>
                          {t(`roles.${r}`)}
                        </Badge>
                      ))}
                    </span>
                  </Td>
                  <Td className="whitespace-nowrap">{u.active ? <Badge tone="green">{t("common.active")}</Badge> : <Badge>{t("common.inactive")}</Badge>}</Td>
                  <Td className="whitespace-nowrap text-xs text-slate-600">
                    {u.lastLoginAt ? (
                      <time dateTime={u.lastLoginAt.toISOString()}>{format.dateTime(u.lastLoginAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                    ) : (
                      t("users.neverSignedIn")
                    )}
                  </Td>
                  <Td>
                    <Link href={`/admin/users/${u.id}`} className={buttonClass("ghost")} aria-label={`${t("users.edit")} ${u.name}`}>
                      {t("users.edit")}
                    </Link>
                  </Td>
                </tr>
              ))}
            </Table>
          ) : (
            <EmptyState>{t("users.empty")}</EmptyState>
          )}
        </Card>
        <div id="new-user" className="scroll-mt-4">
          <Card title={t("users.create")}>
            <UserForm action={createUserAction} departments={activeDepartments} />
          </Card>
        </div>
      </div>
    </>
  );
}
