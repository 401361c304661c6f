import { describe, expect, it } from "vitest";
import { parseUnreadPayload, unreadPayloads } from "@/lib/domain/notifications/live";

describe("unread NOTIFY payloads", () => {
  it("name each person once, and nobody means no payload", () => {
    expect(unreadPayloads([3, 1, 3, 2])).toEqual(["[1,2,3]"]);
    expect(unreadPayloads([])).toEqual([]);
    expect(unreadPayloads([0, -1, 1.5])).toEqual([]);
  });

  it("stay far below PostgreSQL's 8000-byte limit however many people are named", () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => 1_000_000 + i);
    const payloads = unreadPayloads(ids);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.flatMap(parseUnreadPayload)).toEqual(ids);
  });

  it("a malformed payload names nobody", () => {
    expect(parseUnreadPayload("not json")).toEqual([]);
    expect(parseUnreadPayload('{"a":1}')).toEqual([]);
    expect(parseUnreadPayload('[1,"2",-3,4]')).toEqual([1, 4]);
  });
});
