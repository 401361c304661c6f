import { describe, expect, it } from "vitest";
import { documentTokens, queryTokens } from "@/lib/domain/search";

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
