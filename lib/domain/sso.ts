// Who a single-sign-on identity is in Zhongshu. No self-registration: an identity signs in
// only as an existing, active, interactive person, found by (in this order) the identity
// linked before, the login name the provider asserts, or an e-mail address the provider
// says it has verified. Never by an unverified address.

export type SsoClaims = {
  subject: string;
  login: string | null;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
};

export type MatchedBy = "subject" | "login" | "email";

/** A local person as matching sees them. */
export type Candidate = { id: number; active: boolean; service: boolean };

export type MatchInput = {
  /** The person the identity (issuer + subject) is linked to already. */
  bySubject: Candidate | null;
  /** The person whose login name equals the login claim (case-insensitive). */
  byLogin: Candidate | null;
  /** People whose e-mail equals the verified e-mail claim (empty when unverified or absent). */
  byEmail: Candidate[];
  /** People who already hold another identity at this issuer: a second subject never takes them over. */
  linkedElsewhere: ReadonlySet<number>;
};

export type MatchDecision =
  | { kind: "matched"; userId: number; matchedBy: MatchedBy }
  | { kind: "unmatched"; reason: "noUser" | "ambiguousEmail" | "linkedToOtherSubject" }
  | { kind: "disabled"; userId: number }
  | { kind: "service"; userId: number };

function str(v: unknown): string | null {
  if (typeof v === "string") return v.trim() || null;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/**
 * The claims matching needs, from the ID token or userinfo claims; null without a subject.
 * The login claim may be a UPN ("zhaolei@school.edu.cn") when configured so: it is compared whole.
 */
export function claimsFromProfile(profile: Record<string, unknown>, loginClaim = "preferred_username"): SsoClaims | null {
  const subject = str(profile.sub);
  if (!subject) return null;
  const email = str(profile.email);
  return {
    subject,
    login: str(profile[loginClaim])?.toLowerCase() ?? null,
    email: email ? email.toLowerCase() : null,
    // Only a real boolean true: "true" strings, absent or false claims do not count.
    emailVerified: profile.email_verified === true,
    name: str(profile.name),
  };
}

function admit(c: Candidate, matchedBy: MatchedBy): MatchDecision {
  if (c.service) return { kind: "service", userId: c.id };
  if (!c.active) return { kind: "disabled", userId: c.id };
  return { kind: "matched", userId: c.id, matchedBy };
}

/** Subject first, then login name, then a verified e-mail that names exactly one person. */
export function decideMatch(input: MatchInput): MatchDecision {
  if (input.bySubject) return admit(input.bySubject, "subject");
  if (input.byLogin) {
    if (input.linkedElsewhere.has(input.byLogin.id)) return { kind: "unmatched", reason: "linkedToOtherSubject" };
    return admit(input.byLogin, "login");
  }
  if (input.byEmail.length > 1) return { kind: "unmatched", reason: "ambiguousEmail" };
  const [byEmail] = input.byEmail;
  if (byEmail) {
    if (input.linkedElsewhere.has(byEmail.id)) return { kind: "unmatched", reason: "linkedToOtherSubject" };
    return admit(byEmail, "email");
  }
  return { kind: "unmatched", reason: "noUser" };
}
