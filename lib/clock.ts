// The one place the server reads the time, so that tests can move the clock (the sweep, overdue
// paths) without waiting: ZHONGSHU_CLOCK_OFFSET_DAYS shifts "now" — honoured only outside
// production builds or when ZHONGSHU_ALLOW_CLOCK_OFFSET=1 is set by the test harness.
import { appConfig } from "@/lib/config";

function offsetMs(): number {
  const allowed = process.env.NODE_ENV !== "production" || process.env.ZHONGSHU_ALLOW_CLOCK_OFFSET === "1";
  const days = Number(process.env.ZHONGSHU_CLOCK_OFFSET_DAYS ?? 0);
  return allowed && Number.isFinite(days) ? days * 86_400_000 : 0;
}

export function now(): Date {
  return new Date(Date.now() + offsetMs());
}

/** Today's calendar date in the organisation's time zone. */
export function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: appConfig.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now());
}
