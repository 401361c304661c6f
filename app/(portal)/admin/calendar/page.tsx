import { readFile } from "node:fs/promises";
import path from "node:path";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { listCalendarYear, type CalendarDayDto } from "@/lib/dal/calendar";
import { importCalendarAction, setCalendarDayAction } from "@/lib/actions/admin/calendar";
import { today as orgToday } from "@/lib/clock";
import { addDays, isIsoDate, isWeekend, isWorkingDay, type CalendarDayKind } from "@/lib/domain/calendar";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/styles";
import { CalendarDayForm, CalendarImportForm } from "./calendar-forms";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("calendar") };
}

const EXAMPLE_FILE = "calendar-cn-2026.csv";

/** The example shipped with the seed data; the page still works without it. */
async function exampleFile(): Promise<string | null> {
  try {
    return await readFile(path.join(process.cwd(), "db", "seed-data", EXAMPLE_FILE), "utf8");
  } catch {
    return null;
  }
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** A month as Monday-first weeks of ISO dates, null for the blanks before the 1st and after the last. */
function monthWeeks(year: number, month: number): (string | null)[][] {
  const lead = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cells = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => iso(year, month, i + 1))];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

type Run = { first: string; last: string; count: number; kind: CalendarDayKind; name: string };

/** Consecutive days of the same kind and name as one line: a week-long holiday reads as one entry. */
function exceptionRuns(days: CalendarDayDto[]): Run[] {
  const runs: Run[] = [];
  for (const d of days) {
    const prev = runs.at(-1);
    if (prev && prev.kind === d.kind && prev.name === d.name && addDays(prev.last, 1) === d.day) {
      prev.last = d.day;
      prev.count++;
    } else runs.push({ first: d.day, last: d.day, count: 1, kind: d.kind, name: d.name });
  }
  return runs;
}

const KIND_TONE = { holiday: "seal", workday: "amber" } as const;

export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ year?: string; day?: string }> }) {
  const actor = await requireHome("admin");
  const params = await searchParams;
  const today = orgToday();
  const asked = Number(params.year);
  const thisYear = Number(today.slice(0, 4));
  const year = Number.isInteger(asked) && asked >= 1900 && asked <= 2200 ? asked : thisYear;
  const [t, locale, days, example] = await Promise.all([getTranslations(), getLocale(), listCalendarYear(actor, year), exampleFile()]);

  const exceptions = new Map(days.map((d) => [d.day, d.kind]));
  const named = new Map(days.map((d) => [d.day, d.name]));
  // Calendar dates carry no zone: format them as UTC midnight. A year has some 400 labels, so
  // each formatter is built once rather than per call.
  const formatters = new Map<string, Intl.DateTimeFormat>();
  const fmt = (d: string, o: Intl.DateTimeFormatOptions) => {
    const key = JSON.stringify(o);
    let f = formatters.get(key);
    if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { ...o, timeZone: "UTC" })));
    return f.format(new Date(`${d}T00:00:00Z`));
  };
  // 2024-01-01 was a Monday.
  const weekdays = Array.from({ length: 7 }, (_, i) => ({ short: fmt(iso(2024, 0, i + 1), { weekday: "narrow" }), long: fmt(iso(2024, 0, i + 1), { weekday: "long" }) }));

  // A day picked in the grid (?day=) fills the day form; only this year's days are known here.
  const selected = params.day && isIsoDate(params.day) && params.day.startsWith(`${year}-`) ? params.day : "";
  const selectedKind: CalendarDayKind | "normal" = (selected && exceptions.get(selected)) || "normal";
  const months = Array.from({ length: 12 }, (_, m) => {
    const weeks = monthWeeks(year, m);
    const working = weeks.flat().filter((d): d is string => !!d && isWorkingDay(d, exceptions)).length;
    return { m, weeks, working };
  });
  const workingInYear = months.reduce((n, x) => n + x.working, 0);
  const holidays = days.filter((d) => d.kind === "holiday").length;
  const workdays = days.length - holidays;
  const runs = exceptionRuns(days);
  const yearLink = (y: number) => `/admin/calendar?year=${y}`;

  return (
    <>
      <PageHeader
        title={t("nav.calendar")}
        description={t("calendar.description")}
        actions={
          <nav aria-label={t("calendar.yearNav")} className="flex flex-wrap items-center gap-1">
            <Link href={yearLink(year - 1)} className={buttonClass("secondary")} rel="prev" data-testid="calendar-prev-year">
              <span aria-hidden="true">‹</span> {t("calendar.yearLabel", { year: year - 1 })}
            </Link>
            <span className="px-3 text-lg font-semibold text-brand-700" aria-current="page">
              {t("calendar.yearLabel", { year })}
            </span>
            <Link href={yearLink(year + 1)} className={buttonClass("secondary")} rel="next" data-testid="calendar-next-year">
              {t("calendar.yearLabel", { year: year + 1 })} <span aria-hidden="true">›</span>
            </Link>
            {year !== thisYear && (
              <Link href={yearLink(thisYear)} className={buttonClass("ghost")}>
                {t("calendar.thisYear")}
              </Link>
            )}
          </nav>
        }
      />
      <div className="grid gap-4 xl:grid-cols-3">
        <div className="min-w-0 space-y-4 xl:col-span-2">
          <Card
            title={t("calendar.yearTitle", { year })}
            actions={<span className="text-xs text-slate-500">{t("calendar.yearSummary", { working: workingInYear, holidays, workdays })}</span>}
          >
            <ul className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label={t("calendar.legend")}>
              <li className="inline-flex items-center gap-1.5">
                <span className="inline-block size-3 rounded-sm bg-seal-600" aria-hidden="true" />
                {t("calendar.kinds.holiday")}
              </li>
              <li className="inline-flex items-center gap-1.5">
                <span className="inline-block size-3 rounded-sm bg-amber-400" aria-hidden="true" />
                {t("calendar.kinds.workday")}
              </li>
              <li className="inline-flex items-center gap-1.5">
                <span className="inline-block size-3 rounded-sm bg-slate-200" aria-hidden="true" />
                {t("calendar.weekend")}
              </li>
              <li className="inline-flex items-center gap-1.5">
                <span className="inline-block size-3 rounded-sm ring-2 ring-brand-600" aria-hidden="true" />
                {t("calendar.today")}
              </li>
            </ul>
            <div className="grid grid-cols-2 gap-x-3 gap-y-4 sm:grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] sm:gap-x-5 sm:gap-y-5" data-testid="calendar-year">
              {months.map(({ m, weeks, working }) => {
                const label = fmt(iso(year, m, 1), { month: "long" });
                return (
                  <section key={m} aria-label={t("calendar.monthLabel", { month: label, year })}>
                    <h3 className="mb-1 flex items-baseline justify-between text-sm font-semibold text-slate-800">
                      {label}
                      <span className="text-xs font-normal text-slate-500">{t("calendar.workingInMonth", { count: working })}</span>
                    </h3>
                    <table className="w-full table-fixed border-separate border-spacing-0.5 text-center text-xs">
                      <thead>
                        <tr>
                          {weekdays.map((w, i) => (
                            <th key={i} scope="col" abbr={w.long} className={`py-0.5 font-medium ${i >= 5 ? "text-slate-500" : "text-slate-700"}`}>
                              {w.short}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {weeks.map((week, w) => (
                          <tr key={w}>
                            {week.map((d, i) => {
                              if (!d) return <td key={i} />;
                              const kind = exceptions.get(d);
                              const name = named.get(d);
                              const tone =
                                kind === "holiday"
                                  ? "bg-seal-600 font-semibold text-white hover:bg-seal-600/85"
                                  : kind === "workday"
                                    ? "bg-amber-300 font-semibold text-amber-950 hover:bg-amber-400"
                                    : isWeekend(d)
                                      ? "bg-slate-100 text-slate-600 hover:bg-slate-200"
                                      : "text-slate-800 hover:bg-slate-100";
                              const ring = d === today ? "ring-2 ring-brand-600" : d === selected ? "ring-2 ring-slate-900" : "";
                              const description = [fmt(d, { month: "long", day: "numeric", weekday: "long" }), kind && t(`calendar.kinds.${kind}`), name].filter(Boolean).join(" · ");
                              return (
                                <td key={i} className="p-0">
                                  <a
                                    href={`/admin/calendar?year=${year}&day=${d}#set-day`}
                                    // The day form is the keyboard way in; 365 tab stops would bury the forms.
                                    tabIndex={-1}
                                    title={description}
                                    aria-label={description}
                                    className={`relative flex h-7 items-center justify-center rounded sm:h-8 ${tone} ${ring}`}
                                    data-kind={kind ?? (isWeekend(d) ? "weekend" : "weekday")}
                                    data-day={d}
                                  >
                                    {Number(d.slice(8))}
                                    {kind && (
                                      <span className="absolute right-px top-0 text-[8px] leading-tight sm:right-0.5 sm:text-[9px]" aria-hidden="true">
                                        {t(`calendar.marks.${kind}`)}
                                      </span>
                                    )}
                                  </a>
                                </td>
                              );
                            })}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </section>
                );
              })}
            </div>
          </Card>
          <Card title={t("calendar.exceptionsTitle", { year })}>
            {runs.length ? (
              <Table head={[t("calendar.day.day"), t("calendar.days"), t("calendar.day.kind"), t("calendar.day.name"), t("common.actions")]} caption={t("calendar.exceptionsTitle", { year })}>
                {runs.map((r) => (
                  <tr key={r.first} data-testid={`calendar-exception-${r.first}`}>
                    <Td className="whitespace-nowrap">
                      {r.first === r.last
                        ? fmt(r.first, { month: "long", day: "numeric", weekday: "short" })
                        : t("calendar.run", { first: fmt(r.first, { month: "long", day: "numeric", weekday: "short" }), last: fmt(r.last, { month: "long", day: "numeric", weekday: "short" }) })}
                    </Td>
                    <Td className="tabular-nums">{r.count}</Td>
                    <Td>
                      <Badge tone={KIND_TONE[r.kind]}>{t(`calendar.kinds.${r.kind}`)}</Badge>
                    </Td>
                    <Td>{r.name}</Td>
                    <Td>
                      <Link href={`/admin/calendar?year=${year}&day=${r.first}#set-day`} className={buttonClass("ghost")}>
                        {t("common.edit")}
                      </Link>
                    </Td>
                  </tr>
                ))}
              </Table>
            ) : (
              <EmptyState>{t("calendar.noExceptions", { year })}</EmptyState>
            )}
          </Card>
        </div>
        <div className="min-w-0 space-y-4">
          <div id="set-day" className="scroll-mt-4">
            <Card title={t("calendar.day.title")}>
              <CalendarDayForm key={selected || "new"} action={setCalendarDayAction} day={selected} kind={selectedKind} name={(selected && named.get(selected)) || ""} />
            </Card>
          </div>
          <Card title={t("calendar.import.title")}>
            <div className="mb-4 space-y-2 text-sm text-slate-600">
              <p>{t("calendar.import.formatIntro")}</p>
              <p>
                <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">YYYY-MM-DD,holiday|workday[,name]</code>
              </p>
              <ul className="list-disc space-y-1 pl-5 text-xs">
                <li>{t("calendar.import.ruleKinds")}</li>
                <li>{t("calendar.import.ruleSeparators")}</li>
                <li>{t("calendar.import.ruleAllOrNothing")}</li>
              </ul>
              {example && (
                <details className="rounded-md border border-slate-200 text-xs">
                  <summary className="cursor-pointer px-3 py-2 font-medium text-brand-700">{t("calendar.import.example", { file: EXAMPLE_FILE })}</summary>
                  <div className="border-t border-slate-200 p-3">
                    <pre className="max-h-72 overflow-auto whitespace-pre-wrap font-mono text-[11px] leading-relaxed text-slate-800">{example}</pre>
                    <a
                      href={`data:text/csv;charset=utf-8,${encodeURIComponent(example)}`}
                      download={EXAMPLE_FILE}
                      className="mt-2 inline-block text-brand-600 underline"
                    >
                      {t("calendar.import.download")}
                    </a>
                  </div>
                </details>
              )}
            </div>
            <CalendarImportForm action={importCalendarAction} />
          </Card>
        </div>
      </div>
    </>
  );
}
