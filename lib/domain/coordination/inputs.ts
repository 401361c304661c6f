// Input schemas for coordination matters (协调); messages are message-file keys ("errors.*").
// Forms send what is needed of each named department as `need_<departmentId>`, and agreed or
// decided points as rows `point_<n>_departmentId`, `point_<n>_text`, `point_<n>_dueOn` (empty
// rows are ignored). Rules that need the database or the actor (own department, parties,
// at least one point) are the data layer's, at the same field names.
import { z } from "zod";
import { isIsoDate } from "../calendar";
import { isStorable, many, MAX_INT, optionalText, positiveId, recordRef, text, urgency } from "../input-kit";
import { TEXT_MAX, TITLE_MAX } from "./limits";

export { POINT_ROWS, TEXT_MAX, TITLE_MAX } from "./limits";

const manyIds = many(positiveId, { error: "errors.invalid" });

export const matterRef = recordRef;

/** One agreed or decided point: a party department, what it is to do, by when. `n` is its form row. */
export type PointInput = { n: number; departmentId: number; text: string; dueOn: string };

const POINT_FIELD = /^point_(\d{1,3})_(departmentId|text|dueOn)$/;
const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/**
 * The filled point rows in row order, each checked at its own fields. A row with nothing in it
 * is not a point; a row with something in it needs all three.
 */
function parsePoints(rest: Record<string, unknown>, ctx: z.RefinementCtx): PointInput[] {
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(rest)) {
    const m = POINT_FIELD.exec(key);
    if (!m) continue;
    const n = Number(m[1]);
    rows.set(n, { ...rows.get(n), [m[2]]: str(value) });
  }
  const points: PointInput[] = [];
  for (const n of [...rows.keys()].sort((a, b) => a - b)) {
    const row = rows.get(n)!;
    const departmentId = row.departmentId ?? "";
    const pointText = row.text ?? "";
    const dueOn = row.dueOn ?? "";
    if (!departmentId && !pointText && !dueOn) continue;
    const problems: [string, string][] = [];
    // Digits only, within an integer column, as every id (input-kit's wholeNumber).
    const dept = /^\d{1,10}$/.test(departmentId) ? Number(departmentId) : NaN;
    if (!(dept >= 1 && dept <= MAX_INT)) problems.push(["departmentId", "errors.required"]);
    if (!pointText) problems.push(["text", "errors.required"]);
    else if (pointText.length > TEXT_MAX) problems.push(["text", "errors.tooLong"]);
    else if (!isStorable(pointText)) problems.push(["text", "errors.characters"]);
    if (!dueOn) problems.push(["dueOn", "errors.required"]);
    else if (!isIsoDate(dueOn)) problems.push(["dueOn", "errors.date"]);
    for (const [field, message] of problems) ctx.addIssue({ code: "custom", message, path: [`point_${n}_${field}`] });
    const ok = problems.length === 0;
    if (ok) points.push({ n, departmentId: dept, text: pointText, dueOn });
  }
  return points;
}

/**
 * Raising a matter: the other departments in `partyDepartmentIds`, what is needed of each in
 * `need_<id>`. A missing need is the data layer's `needRequired` (it knows which department is
 * the raiser's own); here each need is only trimmed and limited.
 */
export const raiseMatterInput = z
  .object({
    title: text(TITLE_MAX),
    background: text(TEXT_MAX),
    urgency,
    partyDepartmentIds: manyIds,
  })
  .catchall(z.unknown())
  .transform(({ title, background, urgency, partyDepartmentIds, ...rest }, ctx) => {
    const parties = partyDepartmentIds.map((departmentId) => {
      const need = str(rest[`need_${departmentId}`]);
      if (need.length > TEXT_MAX) ctx.addIssue({ code: "custom", message: "errors.tooLong", path: [`need_${departmentId}`] });
      else if (!isStorable(need)) ctx.addIssue({ code: "custom", message: "errors.characters", path: [`need_${departmentId}`] });
      return { departmentId, need };
    });
    return { title, background, urgency, parties };
  });
export type RaiseMatterInput = z.infer<typeof raiseMatterInput>;

export const declineInput = matterRef.extend({ reason: text(TEXT_MAX) });
export const positionInput = matterRef.extend({ position: text(TEXT_MAX) });
/** A consultation logged or a meeting proposed (date and place in the note, free text). */
export const noteInput = matterRef.extend({ note: text(TEXT_MAX) });
export const optionalNoteInput = matterRef.extend({ note: optionalText(TEXT_MAX) });
export const escalateInput = matterRef.extend({ summary: text(TEXT_MAX), proposal: text(TEXT_MAX) });

/** The agreement: at least one point (checked by the data layer as `pointsRequired`). */
export const agreementInput = matterRef
  .catchall(z.unknown())
  .transform(({ id, version, ...rest }, ctx) => ({ id, version, points: parsePoints(rest, ctx) }));
export type AgreementInput = z.infer<typeof agreementInput>;

/** The leader's decision, with optional points that become assignments under it. */
export const decideInput = matterRef
  .extend({ decision: text(TEXT_MAX) })
  .catchall(z.unknown())
  .transform(({ id, version, decision, ...rest }, ctx) => ({ id, version, decision, points: parsePoints(rest, ctx) }));
export type DecideInput = z.infer<typeof decideInput>;
