import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { countPendingCheck, listRequests, scopesOf } from "@/lib/dal/requests/queries";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { RequestList } from "./request-list";

/** For the office home: requests awaiting the office's check, newest first, with their count. */
export async function OfficeRequests({ actor, limit = 8 }: { actor: Actor; limit?: number }) {
  if (!scopesOf(actor).includes("office")) return null;
  const [t, page, total] = await Promise.all([
    getTranslations("requests"),
    listRequests(actor, { scope: "office", state: "submitted", limit }),
    countPendingCheck(actor),
  ]);
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          {t("home.officeTitle")}
          <span className="rounded-full bg-slate-100 px-2 text-xs font-normal tabular-nums text-slate-600" data-testid="office-requests-count">
            {total}
          </span>
        </span>
      }
      actions={
        <Link href="/requests?scope=office&state=submitted" className={buttonClass("ghost")}>
          {t("home.viewAll")}
        </Link>
      }
    >
      <div data-testid="office-requests">
        <RequestList rows={page.rows} empty={t("home.officeEmpty")} />
      </div>
    </Card>
  );
}
