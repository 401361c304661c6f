// The page after sign-in, after single sign-on and after a language switch: only paths on this
// site. Regression: "/\t/evil.example" passed the old prefix check, and browsers drop the tab
// and go to //evil.example (an open redirect from a link to /login?next=…).
import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/http/safe-next";

describe("safeNext", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeNext("/requests/5")).toBe("/requests/5");
    expect(safeNext("/items?state=sent&q=%E6%A0%A1#top")).toBe("/items?state=sent&q=%E6%A0%A1#top");
    expect(safeNext("/")).toBe("/");
  });

  it("refuses anything that leaves the site, however it is written", () => {
    for (const v of [
      "//evil.example",
      "/\\evil.example",
      "/\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\t//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
    ]) {
      expect(safeNext(v), JSON.stringify(v)).toBe("/");
    }
  });

  it("never returns raw control characters (nothing to split a header with)", () => {
    expect(safeNext("/a\u0001b")).not.toMatch(/[\u0000-\u001f]/);
  });

  it("answers the fallback for a missing or non-text value", () => {
    expect(safeNext(null)).toBe("/");
    expect(safeNext(undefined, "/login")).toBe("/login");
    expect(safeNext(new Blob(["x"]))).toBe("/");
  });
});
