import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { listRequests, scopesOf } from "@/lib/dal/requests/queries";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { RequestList } from "./request-list";

/** For the department home: the department's most recent requests, newest first, with a link to draft one. */
export async function DepartmentRequests({ actor, limit = 6 }: { actor: Actor; limit?: number }) {
  if (!scopesOf(actor).includes("department")) return null;
  const [t, page] = await Promise.all([getTranslations("requests"), listRequests(actor, { scope: "department", limit })]);
  return (
    <Card
      title={t("home.departmentTitle")}
      actions={
        <span className="flex flex-wrap gap-2">
          <Link href="/requests/new" className={buttonClass("secondary")}>
            {t("home.newRequest")}
          </Link>
          <Link href="/requests?scope=department" className={buttonClass("ghost")}>
            {t("home.viewAll")}
          </Link>
        </span>
      }
    >
      <div data-testid="department-requests">
        <RequestList rows={page.rows} empty={t("home.departmentEmpty")} showDepartment={false} />
      </div>
    </Card>
  );
}
