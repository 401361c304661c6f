import { describe, expect, it } from "vitest";
import { dayIn, isLocalDateTime, localDateTime, sweepStep, workingDayBefore, zonedInstant } from "@/lib/domain/notices/deadline";

const TZ = "Asia/Shanghai";
const none = new Map();

describe("wall-clock deadlines", () => {
  it("reads a datetime-local value in the organisation's zone", () => {
    expect(zonedInstant("2026-11-20T17:00", TZ).toISOString()).toBe("2026-11-20T09:00:00.000Z");
    expect(zonedInstant("2026-11-20T07:30", TZ).toISOString()).toBe("2026-11-19T23:30:00.000Z");
    expect(localDateTime(new Date("2026-11-19T23:30:00Z"), TZ)).toBe("2026-11-20T07:30");
    expect(dayIn(new Date("2026-11-19T23:30:00Z"), TZ)).toBe("2026-11-20");
  });

  it("handles a zone with daylight saving", () => {
    expect(zonedInstant("2026-07-01T12:00", "Europe/Berlin").toISOString()).toBe("2026-07-01T10:00:00.000Z");
    expect(zonedInstant("2026-01-01T12:00", "Europe/Berlin").toISOString()).toBe("2026-01-01T11:00:00.000Z");
  });

  it("refuses what is not a date and time", () => {
    for (const bad of ["2026-02-30T10:00", "2026-11-20", "2026-11-20T24:00", "2026-11-20T10:60", "tomorrow"]) {
      expect(isLocalDateTime(bad)).toBe(false);
      expect(() => zonedInstant(bad, TZ)).toThrow(RangeError);
    }
    expect(isLocalDateTime("2026-11-20T23:59")).toBe(true);
  });
});

describe("the sweep's step", () => {
  // Friday 2026-11-20 17:00 in Shanghai; the working day before is Thursday the 19th.
  const due = zonedInstant("2026-11-20T17:00", TZ);
  const at = (local: string) => zonedInstant(local, TZ);

  it("reminds from the working day before the deadline until it passes, then reports it overdue", () => {
    expect(sweepStep(due, at("2026-11-18T23:00"), TZ, none)).toBeNull();
    expect(sweepStep(due, at("2026-11-19T08:00"), TZ, none)).toBe("reminder");
    expect(sweepStep(due, at("2026-11-20T16:59"), TZ, none)).toBe("reminder");
    expect(sweepStep(due, at("2026-11-20T17:00"), TZ, none)).toBe("overdue");
    expect(sweepStep(due, at("2026-11-23T09:00"), TZ, none)).toBe("overdue");
  });

  it("skips weekends and holidays when finding the day before", () => {
    expect(workingDayBefore("2026-11-23", none)).toBe("2026-11-20"); // Monday → Friday
    expect(workingDayBefore("2026-11-23", new Map([["2026-11-20", "holiday" as const]]))).toBe("2026-11-19");
    expect(workingDayBefore("2026-11-23", new Map([["2026-11-22", "workday" as const]]))).toBe("2026-11-22");
    const monday = zonedInstant("2026-11-23T10:00", TZ);
    expect(sweepStep(monday, at("2026-11-20T09:00"), TZ, none)).toBe("reminder");
    expect(sweepStep(monday, at("2026-11-19T09:00"), TZ, none)).toBeNull();
  });
});
