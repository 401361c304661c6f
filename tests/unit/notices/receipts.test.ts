// The notice rules: who may confirm for whom (walked over every role pair), how a receipt is
// counted on the current revision, and what may be done with a notice in each state.
import { describe, expect, it } from "vitest";
import {
  countReceipts,
  decideNotice,
  mayPublish,
  needsOwnConfirmation,
  NOTICE_ACTIONS,
  proxyBasis,
  receiptStatus,
  urgeTooSoon,
  URGE_INTERVAL_MS,
  type NoticeFacts,
  type Receipt,
} from "@/lib/domain/notices/receipts";
import { ROLES, type Role } from "@/lib/domain/roles";

const person = (id: number, roles: Role[], departmentId: number) => ({ id, roles, departmentId });

describe("proxyBasis: who may confirm on someone's behalf", () => {
  it("lets office staff confirm for a leader (the secretary's case)", () => {
    expect(proxyBasis(person(1, ["office_staff"], 2), person(9, ["principal"], 1), [])).toBe("office_for_leader");
    expect(proxyBasis(person(1, ["office_director"], 2), person(9, ["deputy"], 1), [])).toBe("office_for_leader");
  });

  it("lets a delegate confirm only for the leader who delegated to them today", () => {
    expect(proxyBasis(person(5, ["deputy"], 1), person(9, ["principal"], 1), [9])).toBe("delegate");
    expect(proxyBasis(person(5, ["deputy"], 1), person(9, ["principal"], 1), [8])).toBeNull();
    // A delegation does not reach people who are not leaders.
    expect(proxyBasis(person(5, ["deputy"], 1), person(9, ["dept_staff"], 3), [9])).toBeNull();
  });

  it("lets a department's head or liaison confirm for a member of their own department only", () => {
    expect(proxyBasis(person(1, ["dept_liaison"], 3), person(2, ["dept_staff"], 3), [])).toBe("department");
    expect(proxyBasis(person(1, ["dept_head"], 3), person(2, ["dept_liaison"], 3), [])).toBe("department");
    expect(proxyBasis(person(1, ["dept_liaison"], 3), person(2, ["dept_staff"], 4), [])).toBeNull();
    expect(proxyBasis(person(1, ["dept_staff"], 3), person(2, ["dept_staff"], 3), [])).toBeNull();
  });

  it("never lets anyone act as their own proxy", () => {
    for (const role of ROLES) expect(proxyBasis(person(7, [role], 3), person(7, [role], 3), [7])).toBeNull();
  });

  it("follows the rule for every pair of roles, department and delegation", () => {
    const leader = (r: Role) => r === "principal" || r === "deputy";
    const office = (r: Role) => r === "office_director" || r === "office_staff";
    for (const a of ROLES)
      for (const b of ROLES)
        for (const sameDept of [true, false])
          for (const delegated of [true, false]) {
            const actor = person(1, [a], 10);
            const target = person(2, [b], sameDept ? 10 : 11);
            const expected = leader(b) && office(a) ? "office_for_leader" : leader(b) && delegated ? "delegate" : (a === "dept_head" || a === "dept_liaison") && sameDept ? "department" : null;
            expect(proxyBasis(actor, target, delegated ? [2] : []), `${a} for ${b} same=${sameDept} delegated=${delegated}`).toBe(expected);
          }
  });
});

const receipt = (r: Partial<Receipt>): Receipt => ({ readAt: null, confirmedAt: null, confirmedRevision: null, proxyConfirmedAt: null, proxyConfirmedRevision: null, ...r });
const at = new Date("2026-11-02T02:00:00Z");

describe("receiptStatus and counts", () => {
  it("tells own, on-behalf-only, earlier, read and unread apart", () => {
    expect(receiptStatus(receipt({}), 1)).toBe("unread");
    expect(receiptStatus(receipt({ readAt: at }), 1)).toBe("read");
    expect(receiptStatus(receipt({ readAt: at, confirmedAt: at, confirmedRevision: 1 }), 1)).toBe("confirmed");
    expect(receiptStatus(receipt({ proxyConfirmedAt: at, proxyConfirmedRevision: 1 }), 1)).toBe("proxy_only");
    // The person's own confirmation wins over one given for them.
    expect(receiptStatus(receipt({ confirmedAt: at, confirmedRevision: 1, proxyConfirmedAt: at, proxyConfirmedRevision: 1 }), 1)).toBe("confirmed");
  });

  it("counts a confirmation only on the revision it was given", () => {
    expect(receiptStatus(receipt({ readAt: at, confirmedAt: at, confirmedRevision: 1 }), 2)).toBe("confirmed_earlier");
    expect(receiptStatus(receipt({ proxyConfirmedAt: at, proxyConfirmedRevision: 1 }), 2)).toBe("confirmed_earlier");
    expect(receiptStatus(receipt({ confirmedAt: at, confirmedRevision: 1, proxyConfirmedAt: at, proxyConfirmedRevision: 2 }), 2)).toBe("proxy_only");
    expect(needsOwnConfirmation(receipt({ confirmedAt: at, confirmedRevision: 1 }), 2)).toBe(true);
    expect(needsOwnConfirmation(receipt({ confirmedAt: at, confirmedRevision: 2 }), 2)).toBe(false);
    expect(needsOwnConfirmation(receipt({ proxyConfirmedAt: at, proxyConfirmedRevision: 2 }), 2)).toBe(true);
  });

  it("puts every recipient in exactly one count", () => {
    const rows = [
      receipt({}),
      receipt({ readAt: at }),
      receipt({ readAt: at, confirmedAt: at, confirmedRevision: 2 }),
      receipt({ proxyConfirmedAt: at, proxyConfirmedRevision: 2 }),
      receipt({ readAt: at, confirmedAt: at, confirmedRevision: 1 }),
    ];
    expect(countReceipts(rows, 2)).toEqual({ total: 5, confirmed: 1, proxy_only: 1, confirmed_earlier: 1, read: 1, unread: 1 });
  });
});

describe("decideNotice", () => {
  const notice = (f: Partial<NoticeFacts> = {}): NoticeFacts => ({ kind: "notice", state: "published", receiptRequired: true, ...f });
  const all = { manages: true, mayReceipt: true, maySign: true };
  const none = { manages: false, mayReceipt: false, maySign: false };

  it("refuses people without the relation, whatever the state", () => {
    for (const action of NOTICE_ACTIONS) {
      expect(decideNotice(notice(), action, none)).toEqual({ ok: false, reason: "not_allowed" });
      expect(decideNotice(notice({ state: "withdrawn" }), action, none)).toEqual({ ok: false, reason: "not_allowed" });
    }
  });

  it("closes everything once withdrawn", () => {
    for (const action of NOTICE_ACTIONS) expect(decideNotice(notice({ state: "withdrawn" }), action, all)).toEqual({ ok: false, reason: "wrong_state" });
  });

  it("asks for receipts only where required, replies only on meetings", () => {
    expect(decideNotice(notice(), "confirm", all).ok).toBe(true);
    expect(decideNotice(notice(), "reply", all).ok).toBe(false);
    expect(decideNotice(notice({ kind: "meeting" }), "reply", all).ok).toBe(true);
    expect(decideNotice(notice({ kind: "meeting" }), "confirm", all).ok).toBe(true);
    for (const action of ["confirm", "sign", "urge"] as const) {
      expect(decideNotice(notice({ receiptRequired: false }), action, all)).toEqual({ ok: false, reason: "wrong_state" });
      expect(decideNotice(notice({ kind: "announcement", receiptRequired: false }), action, all)).toEqual({ ok: false, reason: "wrong_state" });
    }
    expect(decideNotice(notice({ receiptRequired: false }), "revise", all).ok).toBe(true);
  });

  it("gives revise, withdraw and urge to those who manage it, sign to signers, receipts to recipients", () => {
    for (const action of ["revise", "withdraw", "urge"] as const) {
      expect(decideNotice(notice(), action, { ...none, manages: true }).ok).toBe(true);
      expect(decideNotice(notice(), action, { ...all, manages: false }).ok).toBe(false);
    }
    expect(decideNotice(notice(), "sign", { ...none, maySign: true }).ok).toBe(true);
    expect(decideNotice(notice(), "sign", { ...all, maySign: false }).ok).toBe(false);
    expect(decideNotice(notice(), "confirm", { ...none, mayReceipt: true }).ok).toBe(true);
    expect(decideNotice(notice(), "confirm", { ...all, mayReceipt: false }).ok).toBe(false);
  });
});

describe("mayPublish and the urge interval", () => {
  it("lets the office send every kind and a head notices and meetings only", () => {
    for (const kind of ["notice", "meeting", "announcement"] as const) {
      expect(mayPublish(["office_staff"], kind)).toBe(true);
      expect(mayPublish(["office_director"], kind)).toBe(true);
      expect(mayPublish(["dept_liaison"], kind)).toBe(false);
      expect(mayPublish(["principal"], kind)).toBe(false);
    }
    expect(mayPublish(["dept_head"], "notice")).toBe(true);
    expect(mayPublish(["dept_head"], "meeting")).toBe(true);
    expect(mayPublish(["dept_head"], "announcement")).toBe(false);
  });

  it("allows one urge per ten minutes", () => {
    expect(urgeTooSoon(null, at)).toBe(false);
    expect(urgeTooSoon(new Date(at.getTime() - URGE_INTERVAL_MS + 1000), at)).toBe(true);
    expect(urgeTooSoon(new Date(at.getTime() - URGE_INTERVAL_MS), at)).toBe(false);
  });
});
