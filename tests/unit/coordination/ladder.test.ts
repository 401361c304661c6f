import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addDays, parseCalendarFile, type CalendarExceptions } from "@/lib/domain/calendar";
import { climbDueOn, DEFAULT_LADDER_DAYS, ladderStep, nextRung, RUNGS, type Rung } from "@/lib/domain/coordination/ladder";

const NONE: CalendarExceptions = new Map();

// The seeded 2026 calendar: 春节 02-15..23 off with Sat 02-14 and Sat 02-28 worked; 中秋 09-25..27
// and 国庆 10-01..07 off, Sun 09-20 and Sat 10-10 worked.
const cn2026 = (() => {
  const file = readFileSync(path.join(process.cwd(), "db", "seed-data", "calendar-cn-2026.csv"), "utf8");
  const { lines, errors } = parseCalendarFile(file);
  expect(errors).toEqual([]);
  return new Map(lines.map((l) => [l.day, l.kind])) as CalendarExceptions;
})();

describe("the rungs", () => {
  it("run office → meeting → deputy → principal, the principal on top", () => {
    expect(RUNGS).toEqual(["office", "meeting", "deputy", "principal"]);
    expect(nextRung("office")).toBe("meeting");
    expect(nextRung("meeting")).toBe("deputy");
    expect(nextRung("deputy")).toBe("principal");
    expect(nextRung("principal")).toBeNull();
    expect(DEFAULT_LADDER_DAYS).toBe(3);
  });
});

describe("ladderStep", () => {
  it("climbs after 3 working days without progress on a plain week, not before", () => {
    // Monday 2026-11-16.
    expect(ladderStep("2026-11-16", "2026-11-16", "office", NONE)).toBeNull();
    expect(ladderStep("2026-11-16", "2026-11-18", "office", NONE)).toBeNull();
    expect(ladderStep("2026-11-16", "2026-11-19", "office", NONE)).toBe("meeting");
    expect(ladderStep("2026-11-16", "2026-11-30", "meeting", NONE)).toBe("deputy"); // one rung at a time
  });

  it("does not count the weekend", () => {
    // Thursday 11-19: Friday is one day, Monday two, Tuesday three.
    expect(ladderStep("2026-11-19", "2026-11-22", "office", NONE)).toBeNull();
    expect(ladderStep("2026-11-19", "2026-11-23", "office", NONE)).toBeNull();
    expect(ladderStep("2026-11-19", "2026-11-24", "office", NONE)).toBe("meeting");
  });

  it("does not count 春节, and counts the make-up Saturday before it", () => {
    // Friday 02-13: Sat 02-14 worked (1), 02-15..23 off, Tue 02-24 (2), Wed 02-25 (3).
    expect(ladderStep("2026-02-13", "2026-02-14", "deputy", cn2026)).toBeNull();
    expect(ladderStep("2026-02-13", "2026-02-23", "deputy", cn2026)).toBeNull();
    expect(ladderStep("2026-02-13", "2026-02-24", "deputy", cn2026)).toBeNull();
    expect(ladderStep("2026-02-13", "2026-02-25", "deputy", cn2026)).toBe("principal");
  });

  it("does not count 国庆, and counts the make-up Saturday after it", () => {
    // Wednesday 09-30: 10-01..07 off, Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 worked (3).
    expect(ladderStep("2026-09-30", "2026-10-07", "office", cn2026)).toBeNull();
    expect(ladderStep("2026-09-30", "2026-10-09", "office", cn2026)).toBeNull();
    expect(ladderStep("2026-09-30", "2026-10-10", "office", cn2026)).toBe("meeting");
    // Without the calendar the same dates would have climbed on Monday 10-05.
    expect(ladderStep("2026-09-30", "2026-10-05", "office", NONE)).toBe("meeting");
    expect(ladderStep("2026-09-30", "2026-10-05", "office", cn2026)).toBeNull();
  });

  it("never climbs above the principal", () => {
    expect(ladderStep("2026-01-05", "2026-12-31", "principal", cn2026)).toBeNull();
  });

  it("honours a configured N", () => {
    expect(ladderStep("2026-11-16", "2026-11-17", "office", NONE, 1)).toBe("meeting");
    expect(ladderStep("2026-11-16", "2026-11-20", "office", NONE, 5)).toBeNull();
    expect(ladderStep("2026-11-16", "2026-11-23", "office", NONE, 5)).toBe("meeting");
    for (const bad of [0, -1, 2.5, Number.NaN]) expect(() => ladderStep("2026-11-16", "2026-11-23", "office", NONE, bad)).toThrow(RangeError);
  });

  it("does not climb when today is before the last progress (a clock set back)", () => {
    expect(ladderStep("2026-11-20", "2026-11-10", "office", NONE)).toBeNull();
  });

  it("restarts the clock at each climb: a matter stalled from Monday reaches the principal in three steps", () => {
    let rung: Rung = "office";
    let since = "2026-11-16";
    const climbs: [string, Rung][] = [];
    for (let day = "2026-11-16"; day <= "2026-12-31"; day = addDays(day, 1)) {
      const next = ladderStep(since, day, rung, NONE);
      if (next) {
        climbs.push([day, next]);
        rung = next;
        since = day;
      }
    }
    expect(climbs).toEqual([
      ["2026-11-19", "meeting"],
      ["2026-11-24", "deputy"],
      ["2026-11-27", "principal"],
    ]);
  });
});

describe("climbDueOn", () => {
  it("is the day ladderStep first climbs", () => {
    expect(climbDueOn("2026-11-16", NONE)).toBe("2026-11-19");
    expect(climbDueOn("2026-02-13", cn2026)).toBe("2026-02-25");
    expect(climbDueOn("2026-09-30", cn2026)).toBe("2026-10-10");
    expect(climbDueOn("2026-11-16", NONE, 5)).toBe("2026-11-23");
    expect(() => climbDueOn("2026-11-16", NONE, 0)).toThrow(RangeError);
  });

  it("agrees with ladderStep on every day of 2026 (N = 3, the seeded calendar)", () => {
    for (let from = "2026-01-01"; from <= "2026-12-31"; from = addDays(from, 7)) {
      const due = climbDueOn(from, cn2026);
      for (let day = from; day <= addDays(from, 30); day = addDays(day, 1))
        expect(ladderStep(from, day, "office", cn2026) !== null, `${from} → ${day}`).toBe(day >= due);
    }
  });
});
