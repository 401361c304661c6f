"use server";
import { getTranslations } from "next-intl/server";
import { calendarDayInput, calendarImportInput } from "@/lib/domain/schemas";
import { parseCalendarFile, type CalendarLine, type CalendarParseError } from "@/lib/domain/calendar";
import { importCalendar, setCalendarDay } from "@/lib/dal/calendar";
import { DomainError } from "@/lib/dal/errors";
import { currentActor } from "@/lib/dal/session";
import { errorState, formAction, type ActionState } from "../form";
import { postedForm } from "../posted";
import { crossOriginRefusal } from "../same-origin";

const MAX_FILE_BYTES = 100 * 1024;
const MAX_TEXT_CHARS = 100_000;
/** How many bad lines the refusal names one by one; the rest are counted. */
const MAX_LISTED = 10;

export const setCalendarDayAction = formAction(calendarDayInput, async (actor, data) => {
  await setCalendarDay(actor, data);
  return "calendar.day.saved";
}, { revalidate: "/admin" });

// Receives only the checked, normalised lines (one `day,kind,name` per line), so the save goes
// through the same boundary as every other action: actor, schema, data layer, revalidation.
const saveImport = formAction(calendarImportInput, async (actor, { text }) => {
  const { lines, errors } = parseCalendarFile(text);
  if (errors.length) throw new Error("normalised calendar text did not parse");
  await importCalendar(actor, lines);
}, { revalidate: "/admin" });

type Source = "text" | "file";

/** UTF-8 (with or without BOM); a file that is not is read as GB 18030, as saved by Chinese Excel. */
function decode(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

function isTextFile(file: File): boolean {
  return /\.(csv|txt)$/i.test(file.name) || file.type.startsWith("text/");
}

/**
 * Imports holidays and make-up working days from the textarea `text` and/or the uploaded
 * `file`. Every line is checked first: one bad line refuses the whole import, naming each bad
 * line and why, and nothing is saved. Where both give the same day, the textarea wins.
 */
export async function importCalendarAction(prev: ActionState, posted: FormData): Promise<ActionState> {
  const formData = postedForm(posted);
  const t = await getTranslations();
  const text = formData.get("text");
  const file = formData.get("file");
  const typed = typeof text === "string" ? text : "";
  // Same order as formAction: a foreign request and the signed-out get told so before anything about their input.
  const refused = await crossOriginRefusal();
  if (refused) return refused;
  if (!(await currentActor())) return errorState(new DomainError("signedOut"));
  const refuse = (field: Source, message: string): ActionState => ({
    status: "error",
    message,
    fieldErrors: { [field]: message },
    values: { text: typed },
    at: Date.now(),
  });

  const sources: { source: Source; content: string }[] = [];
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_FILE_BYTES) return refuse("file", t("calendar.import.fileTooBig"));
    if (!isTextFile(file)) return refuse("file", t("calendar.import.fileType"));
    sources.push({ source: "file", content: decode(await file.arrayBuffer()) });
  }
  if (typed.length > MAX_TEXT_CHARS) return refuse("text", t("errors.tooLong"));
  if (typed.trim()) sources.push({ source: "text", content: typed });
  if (!sources.length) return refuse("text", t("calendar.import.nothing"));

  const byDay = new Map<string, CalendarLine>();
  const problems: (CalendarParseError & { source: Source })[] = [];
  for (const { source, content } of sources) {
    const { lines, errors } = parseCalendarFile(content);
    problems.push(...errors.map((e) => ({ ...e, source })));
    for (const line of lines) byDay.set(line.day, line);
  }
  if (problems.length) {
    const both = sources.length > 1;
    const listed = problems.slice(0, MAX_LISTED).map((p) =>
      t("calendar.import.lineError", {
        where: both ? t(`calendar.import.lineIn.${p.source}`, { line: p.line }) : t("calendar.import.lineIn.plain", { line: p.line }),
        reason: t(`calendar.import.reasons.${p.reason}`),
      }),
    );
    if (problems.length > MAX_LISTED) listed.push(t("calendar.import.moreErrors", { count: problems.length - MAX_LISTED }));
    const message = t("calendar.import.refused", { count: problems.length, details: listed.join(t("calendar.import.separator")) });
    // Each field that had bad lines says which of its lines to correct.
    const fieldErrors = Object.fromEntries(
      sources
        .map(({ source }) => [source, problems.filter((p) => p.source === source).map((p) => p.line)] as const)
        .filter(([, lines]) => lines.length)
        .map(([source, lines]) => [source, t("calendar.import.fieldRefused", { lines: lines.join(t("calendar.import.lineSeparator")) })]),
    );
    return { status: "error", message, fieldErrors, values: { text: typed }, at: Date.now() };
  }
  if (!byDay.size) return refuse(sources[0].source, t("calendar.import.nothing"));

  const lines = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
  const normalised = new FormData();
  normalised.set("text", lines.map((l) => `${l.day},${l.kind},${l.name}`).join("\n"));
  const state = await saveImport(prev, normalised);
  if (state.status === "ok") return { ...state, message: t("calendar.import.done", { count: lines.length, first: lines[0].day, last: lines[lines.length - 1].day }) };
  return { ...state, values: { text: typed } };
}
