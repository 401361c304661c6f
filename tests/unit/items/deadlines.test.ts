import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addDays, isWorkingDay, parseCalendarFile, type CalendarExceptions } from "@/lib/domain/calendar";
import {
  dueFromWorkingDays,
  dueWithin,
  EXTENSION_REASONS,
  isOverdue,
  overdueWorkingDays,
  reminderKind,
  validateExtension,
} from "@/lib/domain/items/deadlines";
import { ITEM_STATES } from "@/lib/domain/items/lifecycle";

const NONE: CalendarExceptions = new Map();

// The seeded 2026 calendar: 元旦 01-01..03 off and Sun 01-04 worked; 春节 02-15..23 off with
// Sat 02-14 and Sat 02-28 worked; 劳动节 05-01..05 off, Sat 05-09 worked; 端午 06-19..21 off;
// 中秋 09-25..27 and 国庆 10-01..07 off, Sun 09-20 and Sat 10-10 worked.
const cn2026 = (() => {
  const file = readFileSync(path.join(process.cwd(), "db", "seed-data", "calendar-cn-2026.csv"), "utf8");
  const { lines, errors } = parseCalendarFile(file);
  expect(errors).toEqual([]);
  return new Map(lines.map((l) => [l.day, l.kind])) as CalendarExceptions;
})();

// The same plus an assumed New Year's Day 2027 (Friday) off, to cross the year boundary.
const cnWith2027 = new Map([...cn2026, ["2027-01-01", "holiday"]]) as CalendarExceptions;

describe("dueFromWorkingDays", () => {
  it("counts working days after today on a plain week", () => {
    expect(dueFromWorkingDays("2026-11-20", 1, NONE)).toBe("2026-11-23"); // Friday → Monday
    expect(dueFromWorkingDays("2026-11-20", 5, NONE)).toBe("2026-11-27");
  });

  it("skips the 2026 holidays and counts the make-up workdays", () => {
    expect(dueFromWorkingDays("2025-12-31", 1, cn2026)).toBe("2026-01-04"); // 元旦 off, Sunday 01-04 worked
    expect(dueFromWorkingDays("2026-02-13", 1, cn2026)).toBe("2026-02-14"); // Saturday worked
    expect(dueFromWorkingDays("2026-02-13", 2, cn2026)).toBe("2026-02-24"); // over 春节
    expect(dueFromWorkingDays("2026-04-30", 1, cn2026)).toBe("2026-05-06"); // over 劳动节
    expect(dueFromWorkingDays("2026-05-08", 1, cn2026)).toBe("2026-05-09"); // Saturday worked
    expect(dueFromWorkingDays("2026-06-18", 1, cn2026)).toBe("2026-06-22"); // over 端午
    expect(dueFromWorkingDays("2026-09-30", 1, cn2026)).toBe("2026-10-08"); // over 国庆
    expect(dueFromWorkingDays("2026-09-30", 3, cn2026)).toBe("2026-10-10");
  });

  it("crosses into 2027", () => {
    expect(dueFromWorkingDays("2026-12-31", 1, cn2026)).toBe("2027-01-01");
    expect(dueFromWorkingDays("2026-12-31", 1, cnWith2027)).toBe("2027-01-04");
    expect(dueFromWorkingDays("2026-12-29", 5, cnWith2027)).toBe("2027-01-06"); // 30, 31, 4, 5, 6
  });

  it.each([0, -1, 1.5, Number.NaN, Infinity])("refuses n = %s", (n) => {
    expect(() => dueFromWorkingDays("2026-06-01", n, NONE)).toThrow(RangeError);
  });

  it("refuses a bad date", () => {
    expect(() => dueFromWorkingDays("2026-02-30", 1, NONE)).toThrow(RangeError);
  });
});

describe("isOverdue", () => {
  it("is late only from the day after the due date, and only while open", () => {
    for (const state of ITEM_STATES) {
      const open = state !== "closed" && state !== "cancelled";
      expect(isOverdue("2026-06-10", "2026-06-11", state), state).toBe(open);
      expect(isOverdue("2026-12-31", "2027-01-01", state), state).toBe(open);
      expect(isOverdue("2026-06-10", "2026-06-10", state), state).toBe(false);
      expect(isOverdue("2026-06-10", "2026-06-09", state), state).toBe(false);
    }
  });

  it("is late during a holiday even though no working day has passed", () => {
    expect(isOverdue("2026-09-30", "2026-10-03", "in_progress")).toBe(true);
    expect(overdueWorkingDays("2026-09-30", "2026-10-03", cn2026)).toBe(0);
  });

  it("refuses a bad date", () => {
    expect(() => isOverdue("2026-06-31", "2026-07-01", "sent")).toThrow(RangeError);
  });
});

describe("overdueWorkingDays", () => {
  it("is zero on or before the due date", () => {
    expect(overdueWorkingDays("2026-06-10", "2026-06-10", NONE)).toBe(0);
    expect(overdueWorkingDays("2026-06-10", "2026-06-01", NONE)).toBe(0);
  });

  it("counts working days after the due date up to today", () => {
    expect(overdueWorkingDays("2026-11-20", "2026-11-23", NONE)).toBe(1); // Friday → Monday
    expect(overdueWorkingDays("2026-11-20", "2026-11-22", NONE)).toBe(0);
    expect(overdueWorkingDays("2026-09-30", "2026-10-07", cn2026)).toBe(0);
    expect(overdueWorkingDays("2026-09-30", "2026-10-08", cn2026)).toBe(1);
    expect(overdueWorkingDays("2026-09-30", "2026-10-10", cn2026)).toBe(3); // 08, 09, Saturday 10 worked
    expect(overdueWorkingDays("2026-09-30", "2026-10-11", cn2026)).toBe(3);
    expect(overdueWorkingDays("2026-02-13", "2026-02-24", cn2026)).toBe(2); // 14 (worked), 24
  });

  it("crosses into 2027", () => {
    expect(overdueWorkingDays("2026-12-31", "2027-01-04", cn2026)).toBe(2);
    expect(overdueWorkingDays("2026-12-31", "2027-01-04", cnWith2027)).toBe(1);
    expect(overdueWorkingDays("2026-12-28", "2027-01-05", cnWith2027)).toBe(5); // 29, 30, 31, 4, 5
  });
});

describe("dueWithin", () => {
  it("covers today and the next n calendar days", () => {
    expect(dueWithin("2026-06-10", "2026-06-10", 0)).toBe(true);
    expect(dueWithin("2026-06-11", "2026-06-10", 0)).toBe(false);
    expect(dueWithin("2026-06-17", "2026-06-10", 7)).toBe(true);
    expect(dueWithin("2026-06-18", "2026-06-10", 7)).toBe(false);
  });

  it("leaves out items already late", () => {
    expect(dueWithin("2026-06-09", "2026-06-10", 7)).toBe(false);
  });

  it("crosses into 2027", () => {
    expect(dueWithin("2027-01-01", "2026-12-29", 3)).toBe(true);
    expect(dueWithin("2027-01-02", "2026-12-29", 3)).toBe(false);
  });

  it.each([-1, 1.5, Number.NaN])("refuses n = %s", (n) => {
    expect(() => dueWithin("2026-06-10", "2026-06-10", n)).toThrow(RangeError);
  });
});

describe("reminderKind", () => {
  const around = (dueOn: string, from: string, to: string, cal: CalendarExceptions, escalateAfter = 3) => {
    const out: Record<string, string | null> = {};
    for (let d = from; d <= to; d = addDays(d, 1)) out[d] = reminderKind(dueOn, d, cal, escalateAfter);
    return out;
  };

  it("walks an item due after National Day", () => {
    expect(around("2026-10-08", "2026-09-28", "2026-10-13", cn2026)).toEqual({
      "2026-09-28": null,
      "2026-09-29": null,
      "2026-09-30": "before_due", // the last working day before 10-08
      "2026-10-01": null,
      "2026-10-02": null,
      "2026-10-03": null,
      "2026-10-04": null,
      "2026-10-05": null,
      "2026-10-06": null,
      "2026-10-07": null,
      "2026-10-08": null, // due today: still on time
      "2026-10-09": "due_passed",
      "2026-10-10": null, // late 2 working days (Saturday worked)
      "2026-10-11": null,
      "2026-10-12": "escalate", // late 3
      "2026-10-13": "escalate",
    });
  });

  it("reminds on a make-up Saturday before a Monday due date", () => {
    expect(reminderKind("2026-10-12", "2026-10-09", cn2026, 3)).toBeNull();
    expect(reminderKind("2026-10-12", "2026-10-10", cn2026, 3)).toBe("before_due");
    expect(reminderKind("2026-11-23", "2026-11-20", cn2026, 3)).toBe("before_due"); // plain Friday
    expect(reminderKind("2026-11-23", "2026-11-21", cn2026, 3)).toBeNull();
  });

  it("handles a due date that falls on a day off", () => {
    // Due Saturday 10-03: reminded on 09-30, late from 10-04, first late working day 10-08.
    expect(reminderKind("2026-10-03", "2026-09-30", cn2026, 3)).toBe("before_due");
    expect(reminderKind("2026-10-03", "2026-10-05", cn2026, 3)).toBeNull();
    expect(reminderKind("2026-10-03", "2026-10-08", cn2026, 3)).toBe("due_passed");
  });

  it("walks an item due over 春节", () => {
    expect(reminderKind("2026-02-24", "2026-02-13", cn2026, 3)).toBeNull();
    expect(reminderKind("2026-02-24", "2026-02-14", cn2026, 3)).toBe("before_due"); // Saturday worked
    expect(reminderKind("2026-02-24", "2026-02-25", cn2026, 3)).toBe("due_passed");
  });

  it("crosses into 2027", () => {
    expect(reminderKind("2026-12-31", "2026-12-30", cn2026, 3)).toBe("before_due");
    expect(reminderKind("2026-12-31", "2026-12-31", cn2026, 3)).toBeNull();
    expect(reminderKind("2026-12-31", "2027-01-01", cn2026, 3)).toBe("due_passed");
    expect(reminderKind("2026-12-31", "2027-01-01", cnWith2027, 3)).toBeNull();
    expect(reminderKind("2026-12-31", "2027-01-04", cnWith2027, 3)).toBe("due_passed");
    expect(reminderKind("2026-12-31", "2027-01-06", cnWith2027, 3)).toBe("escalate");
    expect(reminderKind("2027-01-04", "2026-12-31", cnWith2027, 3)).toBe("before_due");
  });

  it("escalates rather than reports lateness when escalateAfter is 1, and keeps escalating on days off", () => {
    expect(reminderKind("2026-11-20", "2026-11-23", NONE, 1)).toBe("escalate");
    expect(reminderKind("2026-11-18", "2026-11-21", NONE, 2)).toBe("escalate"); // Saturday, late 2
    expect(reminderKind("2026-11-18", "2026-11-19", NONE, 2)).toBe("due_passed");
  });

  it.each([0, -1, 2.5, Number.NaN])("refuses escalateAfter = %s", (n) => {
    expect(() => reminderKind("2026-06-10", "2026-06-10", NONE, n)).toThrow(RangeError);
  });

  it("for every due date of 2026, reminds once before, once late, and escalates from the Nth late working day", () => {
    // Worked out day by day with isWorkingDay only, independently of the module's arithmetic.
    for (let due = "2026-01-01"; due <= "2026-12-31"; due = addDays(due, 1)) {
      let before = addDays(due, -1);
      while (!isWorkingDay(before, cn2026)) before = addDays(before, -1);
      const lateDays: string[] = [];
      for (let d = addDays(due, 1); lateDays.length < 4; d = addDays(d, 1)) if (isWorkingDay(d, cn2026)) lateDays.push(d);
      const seen: Record<string, string[]> = { before_due: [], due_passed: [], escalate: [] };
      for (let d = addDays(due, -20); d <= lateDays[3]; d = addDays(d, 1)) {
        const kind = reminderKind(due, d, cn2026, 3);
        if (kind) seen[kind].push(d);
      }
      expect(seen.before_due, due).toEqual([before]);
      expect(seen.due_passed, due).toEqual([lateDays[0]]);
      expect(seen.escalate[0], due).toBe(lateDays[2]);
      expect(seen.escalate.at(-1), due).toBe(lateDays[3]);
    }
  });
});

describe("validateExtension", () => {
  it("lists the reason codes", () => {
    expect(EXTENSION_REASONS).toEqual(["workload", "waiting_on_others", "scope_changed", "external_dependency", "other"]);
  });

  it("accepts a later date from today on", () => {
    expect(validateExtension("2026-06-10", "2026-06-11", "2026-06-01")).toBeNull();
    expect(validateExtension("2026-06-10", "2026-06-20", "2026-06-20")).toBeNull(); // overdue, moved to today
    expect(validateExtension("2026-12-31", "2027-01-15", "2026-12-20")).toBeNull();
  });

  it("refuses a date not after the current one", () => {
    expect(validateExtension("2026-06-10", "2026-06-10", "2026-06-01")).toBe("not_later");
    expect(validateExtension("2026-06-10", "2026-06-09", "2026-06-01")).toBe("not_later");
    expect(validateExtension("2026-06-10", "2026-06-05", "2026-06-20")).toBe("not_later");
  });

  it("refuses a date already past", () => {
    expect(validateExtension("2026-06-10", "2026-06-15", "2026-06-20")).toBe("past");
    expect(validateExtension("2026-12-30", "2026-12-31", "2027-01-01")).toBe("past");
  });

  it("allows up to one year after today, no further", () => {
    expect(validateExtension("2026-06-10", "2027-06-01", "2026-06-01")).toBeNull();
    expect(validateExtension("2026-06-10", "2027-06-02", "2026-06-01")).toBe("too_far");
    expect(validateExtension("2026-12-31", "2027-12-20", "2026-12-20")).toBeNull();
    expect(validateExtension("2026-12-31", "2027-12-21", "2026-12-20")).toBe("too_far");
  });

  it("takes 28 February for a year after 29 February", () => {
    expect(validateExtension("2028-03-01", "2029-02-28", "2028-02-29")).toBeNull();
    expect(validateExtension("2028-03-01", "2029-03-01", "2028-02-29")).toBe("too_far");
    expect(validateExtension("2027-03-01", "2028-02-28", "2027-02-28")).toBeNull();
    expect(validateExtension("2027-03-01", "2028-02-29", "2027-02-28")).toBe("too_far");
  });

  it("refuses a bad date", () => {
    expect(() => validateExtension("2026-06-10", "2026-06-31", "2026-06-01")).toThrow(RangeError);
    expect(() => validateExtension("soon", "2026-06-20", "2026-06-01")).toThrow(RangeError);
  });
});
