import { describe, expect, it } from "vitest";
import { claimsFromProfile, decideMatch, type Candidate, type MatchInput } from "@/lib/domain/sso";

const person = (id: number, over: Partial<Candidate> = {}): Candidate => ({ id, active: true, service: false, ...over });
const input = (over: Partial<MatchInput>): MatchInput => ({ bySubject: null, byLogin: null, byEmail: [], linkedElsewhere: new Set(), ...over });

describe("claimsFromProfile", () => {
  it("reads subject, login claim, e-mail and its verification", () => {
    expect(claimsFromProfile({ sub: "abc", preferred_username: " ZhaoLei ", email: "ZL@School.test", email_verified: true, name: "赵磊" })).toEqual({
      subject: "abc",
      login: "zhaolei",
      email: "zl@school.test",
      emailVerified: true,
      name: "赵磊",
    });
  });

  it("uses the configured login claim (e.g. AD FS upn, Entra preferred_username)", () => {
    expect(claimsFromProfile({ sub: "s", upn: "zhaolei@school.test", preferred_username: "x" }, "upn")?.login).toBe("zhaolei@school.test");
    expect(claimsFromProfile({ sub: "s" }, "upn")?.login).toBeNull();
  });

  it("counts only a boolean true as a verified e-mail", () => {
    for (const v of ["true", 1, "1", undefined, null, false]) expect(claimsFromProfile({ sub: "s", email: "a@b.c", email_verified: v })?.emailVerified).toBe(false);
  });

  it("needs a subject", () => {
    expect(claimsFromProfile({ preferred_username: "x" })).toBeNull();
    expect(claimsFromProfile({ sub: "  " })).toBeNull();
    expect(claimsFromProfile({ sub: 42 })?.subject).toBe("42");
  });
});

describe("decideMatch", () => {
  it("prefers the linked subject, then the login, then one verified e-mail", () => {
    expect(decideMatch(input({ bySubject: person(1), byLogin: person(2), byEmail: [person(3)] }))).toEqual({ kind: "matched", userId: 1, matchedBy: "subject" });
    expect(decideMatch(input({ byLogin: person(2), byEmail: [person(3)] }))).toEqual({ kind: "matched", userId: 2, matchedBy: "login" });
    expect(decideMatch(input({ byEmail: [person(3)] }))).toEqual({ kind: "matched", userId: 3, matchedBy: "email" });
    expect(decideMatch(input({}))).toEqual({ kind: "unmatched", reason: "noUser" });
  });

  it("refuses disabled people and service accounts wherever they are found", () => {
    expect(decideMatch(input({ bySubject: person(1, { active: false }) }))).toEqual({ kind: "disabled", userId: 1 });
    expect(decideMatch(input({ byLogin: person(2, { service: true }) }))).toEqual({ kind: "service", userId: 2 });
    // A disabled login match is not bypassed through the e-mail.
    expect(decideMatch(input({ byLogin: person(2, { active: false }), byEmail: [person(3)] }))).toEqual({ kind: "disabled", userId: 2 });
  });

  it("refuses an e-mail two people share and a person linked to another subject", () => {
    expect(decideMatch(input({ byEmail: [person(3), person(4)] }))).toEqual({ kind: "unmatched", reason: "ambiguousEmail" });
    expect(decideMatch(input({ byLogin: person(2), linkedElsewhere: new Set([2]) }))).toEqual({ kind: "unmatched", reason: "linkedToOtherSubject" });
    expect(decideMatch(input({ byEmail: [person(3)], linkedElsewhere: new Set([3]) }))).toEqual({ kind: "unmatched", reason: "linkedToOtherSubject" });
  });
});
