import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addWorkingDays,
  isIsoDate,
  isWeekend,
  isWorkingDay,
  parseCalendarFile,
  workingDaysBetween,
  type CalendarExceptions,
} from "@/lib/domain/calendar";

const NONE: CalendarExceptions = new Map();

// The 2026 file the demo seeds: National Day 10-01..10-07 off, Sun 09-20 and Sat 10-10 worked.
const cn2026 = (() => {
  const file = readFileSync(path.join(process.cwd(), "db", "seed-data", "calendar-cn-2026.csv"), "utf8");
  const { lines, errors } = parseCalendarFile(file);
  expect(errors).toEqual([]);
  return new Map(lines.map((l) => [l.day, l.kind])) as CalendarExceptions;
})();

describe("isIsoDate", () => {
  it.each(["2026-01-01", "2026-12-31", "2028-02-29", "2000-02-29", "2026-02-28"])("accepts %s", (d) => {
    expect(isIsoDate(d)).toBe(true);
  });
  it.each([
    "2026-02-29", // 2026 is not a leap year
    "1900-02-29", // divisible by 100, not by 400
    "2026-02-30",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-1-01",
    "26-01-01",
    "2026/01/01",
    "2026-01-01T00:00:00Z",
    " 2026-01-01",
    "",
    "not a date",
  ])("refuses %j", (d) => {
    expect(isIsoDate(d)).toBe(false);
  });
});

describe("addDays and isWeekend", () => {
  it("crosses months, years and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-05-10", 0)).toBe("2026-05-10");
  });
  it("knows the weekend", () => {
    expect(isWeekend("2026-11-21")).toBe(true); // Saturday
    expect(isWeekend("2026-11-22")).toBe(true); // Sunday
    expect(isWeekend("2026-11-23")).toBe(false); // Monday
    expect(isWeekend("2026-11-20")).toBe(false); // Friday
  });
  it("refuses a non-date", () => {
    expect(() => addDays("2026-02-29", 1)).toThrow(RangeError);
    expect(() => isWeekend("tomorrow")).toThrow(RangeError);
  });
});

describe("isWorkingDay", () => {
  it("is Monday to Friday without exceptions", () => {
    expect(isWorkingDay("2026-11-23", NONE)).toBe(true);
    expect(isWorkingDay("2026-11-27", NONE)).toBe(true);
    expect(isWorkingDay("2026-11-28", NONE)).toBe(false);
    expect(isWorkingDay("2026-11-29", NONE)).toBe(false);
  });
  it("honours a holiday on a weekday", () => {
    expect(isWorkingDay("2026-10-01", cn2026)).toBe(false); // Thursday, National Day
    expect(isWorkingDay("2026-10-01", NONE)).toBe(true);
  });
  it("honours a make-up workday (调休) on a weekend", () => {
    expect(isWorkingDay("2026-10-10", cn2026)).toBe(true); // Saturday
    expect(isWorkingDay("2026-09-20", cn2026)).toBe(true); // Sunday
    expect(isWorkingDay("2026-10-10", NONE)).toBe(false);
  });
  it("leaves a holiday that falls on a weekend a day off", () => {
    expect(isWorkingDay("2026-10-03", cn2026)).toBe(false); // Saturday in the holiday
  });
});

describe("addWorkingDays", () => {
  it("does not count the start day", () => {
    expect(addWorkingDays("2026-11-20", 3, NONE)).toBe("2026-11-25"); // Friday + 3 = Wednesday
    expect(addWorkingDays("2026-11-23", 1, NONE)).toBe("2026-11-24");
    expect(addWorkingDays("2026-11-21", 1, NONE)).toBe("2026-11-23"); // from Saturday
  });

  it("jumps over the National Day holiday", () => {
    expect(addWorkingDays("2026-09-30", 1, cn2026)).toBe("2026-10-08");
    expect(addWorkingDays("2026-09-29", 2, cn2026)).toBe("2026-10-08");
    expect(addWorkingDays("2026-10-01", 1, cn2026)).toBe("2026-10-08"); // from inside the holiday
    expect(addWorkingDays("2026-09-30", 1, NONE)).toBe("2026-10-01");
  });

  it("counts the make-up workdays around it", () => {
    expect(addWorkingDays("2026-09-30", 3, cn2026)).toBe("2026-10-10"); // Thu 8, Fri 9, Sat 10 (调休)
    expect(addWorkingDays("2026-10-09", 1, cn2026)).toBe("2026-10-10");
    expect(addWorkingDays("2026-10-10", 1, cn2026)).toBe("2026-10-12"); // Sunday 11 stays off
    expect(addWorkingDays("2026-09-18", 1, cn2026)).toBe("2026-09-20"); // Friday → Sunday 调休
    expect(addWorkingDays("2026-09-18", 1, NONE)).toBe("2026-09-21");
  });

  it("spans the Mid-Autumn and National Day weeks together", () => {
    // Working days after Fri 09-18: 09-20 (调休), 21, 22, 23, 24, 28, 29, 30, 10-08, 10-09, 10-10 (调休), 10-12.
    expect(addWorkingDays("2026-09-18", 11, cn2026)).toBe("2026-10-10");
    expect(addWorkingDays("2026-09-18", 12, cn2026)).toBe("2026-10-12");
  });

  it("with n = 0 gives the day itself when it is a working day", () => {
    expect(addWorkingDays("2026-09-30", 0, cn2026)).toBe("2026-09-30");
    expect(addWorkingDays("2026-10-10", 0, cn2026)).toBe("2026-10-10"); // 调休 Saturday
    expect(addWorkingDays("2026-09-20", 0, cn2026)).toBe("2026-09-20"); // 调休 Sunday
  });

  it("with n = 0 gives the next working day otherwise", () => {
    expect(addWorkingDays("2026-10-01", 0, cn2026)).toBe("2026-10-08");
    expect(addWorkingDays("2026-10-03", 0, cn2026)).toBe("2026-10-08");
    expect(addWorkingDays("2026-11-21", 0, NONE)).toBe("2026-11-23");
    expect(addWorkingDays("2026-10-11", 0, cn2026)).toBe("2026-10-12");
  });

  it("refuses a negative, fractional or non-finite n and a bad date", () => {
    expect(() => addWorkingDays("2026-09-30", -1, NONE)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-09-30", 1.5, NONE)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-09-30", Number.NaN, NONE)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-09-30", Infinity, NONE)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-02-29", 1, NONE)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts working days in (from, to]", () => {
    expect(workingDaysBetween("2026-09-30", "2026-10-10", cn2026)).toBe(3);
    expect(workingDaysBetween("2026-09-30", "2026-10-07", cn2026)).toBe(0);
    expect(workingDaysBetween("2026-11-20", "2026-11-25", NONE)).toBe(3);
    expect(workingDaysBetween("2026-11-21", "2026-11-22", NONE)).toBe(0);
  });

  it("is zero for the same day and antisymmetric", () => {
    expect(workingDaysBetween("2026-10-01", "2026-10-01", cn2026)).toBe(0);
    const days = ["2026-09-18", "2026-09-20", "2026-09-30", "2026-10-03", "2026-10-10", "2026-10-12", "2026-12-31"];
    for (const a of days)
      for (const b of days) expect(workingDaysBetween(b, a, cn2026) + workingDaysBetween(a, b, cn2026)).toBe(0);
    expect(workingDaysBetween("2026-10-12", "2026-09-30", cn2026)).toBe(-4);
  });

  it("inverts addWorkingDays for every start day of 2026", () => {
    for (let day = "2026-01-01"; day <= "2026-12-31"; day = addDays(day, 1)) {
      for (const n of [1, 2, 5, 10]) {
        expect(workingDaysBetween(day, addWorkingDays(day, n, cn2026), cn2026)).toBe(n);
      }
    }
  });

  it("counts 2026's working days", () => {
    // Counted day by day, independently of the (from, to] loop.
    let expected = 0;
    for (let day = "2026-01-01"; day <= "2026-12-31"; day = addDays(day, 1)) if (isWorkingDay(day, cn2026)) expected++;
    expect(workingDaysBetween("2025-12-31", "2026-12-31", cn2026)).toBe(expected);
    expect(workingDaysBetween("2025-12-31", "2026-12-31", NONE)).toBe(261);
  });
});

describe("parseCalendarFile", () => {
  it("reads holidays and workdays with optional names", () => {
    const { lines, errors } = parseCalendarFile("2026-10-01,holiday,国庆节\n2026-10-10,workday\n");
    expect(errors).toEqual([]);
    expect(lines).toEqual([
      { day: "2026-10-01", kind: "holiday", name: "国庆节" },
      { day: "2026-10-10", kind: "workday", name: "" },
    ]);
  });

  it("accepts 休/假/班, any case, tabs and full-width commas, and spaces around fields", () => {
    const { lines, errors } = parseCalendarFile("2026-10-01,休,国庆\n2026-10-02，假\n2026-10-10\t班\n 2026-10-03 , HOLIDAY , 国庆 \n2026-10-11,WorkDay");
    expect(errors).toEqual([]);
    expect(lines.map((l) => [l.day, l.kind, l.name])).toEqual([
      ["2026-10-01", "holiday", "国庆"],
      ["2026-10-02", "holiday", ""],
      ["2026-10-10", "workday", ""],
      ["2026-10-03", "holiday", "国庆"],
      ["2026-10-11", "workday", ""],
    ]);
  });

  it("skips comments and blank lines, and reads CRLF files", () => {
    const { lines, errors } = parseCalendarFile("# header\r\n\r\n   \r\n2026-05-01,holiday,劳动节\r\n  # indented comment\r\n2026-05-09,workday,调休\r\n");
    expect(errors).toEqual([]);
    expect(lines).toEqual([
      { day: "2026-05-01", kind: "holiday", name: "劳动节" },
      { day: "2026-05-09", kind: "workday", name: "调休" },
    ]);
  });

  it("reports each bad line with its number and reason, and keeps the good ones", () => {
    const text = [
      "# comment", // 1
      "2026-10-01,holiday", // 2 ok
      "2026-10-02", // 3 format: no kind
      "2026-02-29,holiday", // 4 date: not a leap year
      "10/03/2026,holiday", // 5 date
      "2026-10-04,weekend", // 6 kind
      "2026-10-01,workday", // 7 duplicate of line 2
      "", // 8
      "2026-10-05,,name", // 9 kind (empty)
      "2026-10-06,holiday", // 10 ok
    ].join("\r\n");
    const { lines, errors } = parseCalendarFile(text);
    expect(errors).toEqual([
      { line: 3, reason: "format" },
      { line: 4, reason: "date" },
      { line: 5, reason: "date" },
      { line: 6, reason: "kind" },
      { line: 7, reason: "duplicate" },
      { line: 9, reason: "kind" },
    ]);
    expect(lines.map((l) => l.day)).toEqual(["2026-10-01", "2026-10-06"]);
  });

  it("keeps commas inside the name and caps it at 100 characters", () => {
    const { lines } = parseCalendarFile(`2026-10-01,holiday,国庆,中秋\n2026-10-02,holiday,${"x".repeat(150)}`);
    expect(lines[0].name).toBe("国庆,中秋");
    expect(lines[1].name).toHaveLength(100);
  });

  it("gives nothing for an empty file", () => {
    expect(parseCalendarFile("")).toEqual({ lines: [], errors: [] });
  });

  it("parses the shipped 2026 file completely", () => {
    expect(cn2026.size).toBe(39);
    expect(cn2026.get("2026-10-01")).toBe("holiday");
    expect(cn2026.get("2026-10-10")).toBe("workday");
    expect(cn2026.get("2026-09-20")).toBe("workday");
  });
});
