import { getFormatter, getTranslations } from "next-intl/server";
import { isWorkingDay } from "@/lib/domain/calendar";
import type { Actor } from "@/lib/dal/actor";
import { calendarExceptions } from "@/lib/dal/calendar";
import { today as orgToday } from "@/lib/clock";
import { Badge, PageHeader } from "./ui/card";

export async function HomeGreeting({ actor, title }: { actor: Actor; title: string }) {
  const today = orgToday();
  const [t, format, exceptions] = await Promise.all([getTranslations("home"), getFormatter(), calendarExceptions(actor, today, today)]);
  const working = isWorkingDay(today, exceptions);
  return (
    <PageHeader
      title={title}
      description={
        <>
          {t("welcome", { name: actor.name })} ·{" "}
          {t("today", { date: format.dateTime(new Date(), { dateStyle: "full" }) })}{" "}
          <Badge tone={working ? "brand" : "amber"}>{working ? t("workingDay") : t("restDay")}</Badge>
        </>
      }
    />
  );
}
