import { describe, expect, it } from "vitest";
import { documentTokens, queryTokens, searchPlan } from "@/lib/domain/search";

describe("search tokens", () => {
  it("indexes Chinese as unigrams and bigrams, other text as words", () => {
    expect(documentTokens("关于开展 Safety 检查")).toEqual(
      expect.arrayContaining(["关", "于", "关于", "于开", "开展", "safety", "检查"]),
    );
  });

  it("a two-character Chinese term is one bigram the document holds", () => {
    const doc = new Set(documentTokens("督〔2026〕12号 校园安全检查通知"));
    for (const term of ["安全", "检查", "安全检查", "校", "2026", "12"]) {
      for (const t of queryTokens(term)) expect(doc.has(t), `${term} → ${t}`).toBe(true);
    }
    expect(queryTokens("安全")).toEqual(["安全"]);
    expect(queryTokens("安全检查")).toEqual(["安全", "全检", "检查"]);
  });

  it("normalises width and case, and ignores punctuation", () => {
    expect(queryTokens("ＡＢＣ，预算")).toEqual(["abc", "预算"]);
    expect(queryTokens("  ——  ")).toEqual([]);
  });

  it("terms that do not occur yield a token the document lacks", () => {
    const doc = new Set(documentTokens("校园安全"));
    expect(queryTokens("安检").every((t) => doc.has(t))).toBe(false);
  });
});

describe("searchPlan", () => {
  it("needs no substring check when the token is the term itself", () => {
    expect(searchPlan("安全")).toEqual({ tokens: ["安全"], contains: null, caseInsensitive: false });
    expect(searchPlan(" 安 ")).toMatchObject({ tokens: ["安"], contains: null });
    expect(searchPlan("Budget")).toMatchObject({ tokens: ["budget"], contains: null });
  });
  it("checks adjacency for longer Chinese terms, caselessly only where case exists", () => {
    expect(searchPlan("毕业典")).toEqual({ tokens: ["毕业", "业典"], contains: "毕业典", caseInsensitive: false });
    expect(searchPlan("安全 Check")).toMatchObject({ tokens: ["安全", "check"], contains: "安全 Check", caseInsensitive: true });
    expect(searchPlan("budget review")).toMatchObject({ contains: "budget review", caseInsensitive: true });
  });
  it("normalises full-width input before planning", () => {
    expect(searchPlan("ＡＢＣ")).toMatchObject({ tokens: ["abc"], contains: null });
  });
  it("keeps punctuation-only input harmless (no tokens, a substring check)", () => {
    expect(searchPlan("%_")).toEqual({ tokens: [], contains: "%_", caseInsensitive: false });
  });
});
