import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  calendarDayInput,
  delegationInput,
  departmentInput,
  loginName,
  password,
  passwordChangeInput,
  portfolioInput,
  signInSchema,
  userCreateInput,
  userProfileInput,
} from "@/lib/domain/schemas";

/** The message keys of a failed parse, by field ("" for the value itself). */
function errors(schema: z.ZodType, value: unknown): Record<string, string> {
  const r = schema.safeParse(value);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const i of r.error.issues) out[i.path.join(".")] ??= i.message;
  return out;
}

const user = { name: "赵磊", departmentId: "3", roles: "office_staff", login: "zhaolei2", password: "long enough" };

describe("password", () => {
  it.each([
    [7, "errors.passwordTooShort"],
    [8, undefined],
    [128, undefined],
    [129, "errors.passwordTooLong"],
  ])("of %i characters → %s", (length, key) => {
    expect(errors(password, "x".repeat(length))[""]).toBe(key);
  });

  it("has no composition rules and keeps spaces", () => {
    expect(password.parse("aaaaaaaa")).toBe("aaaaaaaa");
    expect(password.parse("  密码 很长  ")).toBe("  密码 很长  ");
  });

  it("is required", () => {
    expect(errors(password, undefined)[""]).toBe("errors.required");
  });

  it("must be confirmed when changed", () => {
    expect(errors(passwordChangeInput, { current: "old", password: "new password", confirm: "new passw0rd" })).toEqual({
      confirm: "errors.passwordMismatch",
    });
    expect(passwordChangeInput.safeParse({ current: "old", password: "new password", confirm: "new password" }).success).toBe(true);
  });
});

describe("login name", () => {
  it("is trimmed and lower-cased", () => {
    expect(loginName.parse("  ZhaoLei ")).toBe("zhaolei");
    expect(userCreateInput.parse({ ...user, login: " Wang.JianGuo_2 " }).login).toBe("wang.jianguo_2");
  });

  it.each(["ab", "a1", "li.ming-hua_2", "0day", "x".repeat(64)])("accepts %j", (v) => {
    expect(loginName.safeParse(v).success).toBe(true);
  });

  it.each(["a", "", "   ", "x".repeat(65), "-abc", ".abc", "_abc", "li ming", "李明", "a@b", "a/b", "a+b"])("refuses %j", (v) => {
    expect(errors(loginName, v)[""]).toBe("errors.loginFormat");
  });

  it("signs in with any name the user types, trimmed", () => {
    expect(signInSchema.parse({ login: "  Admin ", password: "p" })).toEqual({ login: "Admin", password: "p" });
    expect(signInSchema.safeParse({ login: " ", password: "p" }).success).toBe(false);
    expect(signInSchema.safeParse({ login: "admin", password: "x".repeat(129) }).success).toBe(false);
  });
});

describe("user input", () => {
  it("takes one role from a single form value", () => {
    expect(userCreateInput.parse(user).roles).toEqual(["office_staff"]);
  });

  it("takes several roles from repeated values, once each", () => {
    expect(userProfileInput.parse({ ...user, roles: ["dept_head", "admin", "dept_head"] }).roles).toEqual(["dept_head", "admin"]);
  });

  it("needs at least one known role", () => {
    expect(errors(userProfileInput, { ...user, roles: undefined }).roles).toBe("errors.roleRequired");
    expect(errors(userProfileInput, { ...user, roles: [] }).roles).toBe("errors.roleRequired");
    expect(errors(userProfileInput, { ...user, roles: "superuser" }).roles).toBe("errors.roleRequired");
    expect(userProfileInput.safeParse({ ...user, roles: ["admin", "superuser"] }).success).toBe(false);
  });

  it("normalises the optional fields", () => {
    const parsed = userProfileInput.parse({ ...user, name: "  赵磊 ", email: "Zhao.Lei@Example.CN", title: "" });
    expect(parsed).toMatchObject({ name: "赵磊", email: "zhao.lei@example.cn", title: null, departmentId: 3 });
    expect(userProfileInput.parse({ ...user, email: "" }).email).toBeNull();
    expect(errors(userProfileInput, { ...user, email: "not-an-email" }).email).toBe("errors.email");
  });

  it("requires a name and a department", () => {
    expect(errors(userProfileInput, { ...user, name: "   " }).name).toBe("errors.required");
    expect(errors(userProfileInput, { ...user, name: "x".repeat(41) }).name).toBe("errors.tooLong");
    expect(errors(userProfileInput, { ...user, departmentId: "" }).departmentId).toBe("errors.required");
  });

  it("checks login and password on creation", () => {
    expect(errors(userCreateInput, { ...user, login: "A B", password: "short" })).toEqual({
      login: "errors.loginFormat",
      password: "errors.passwordTooShort",
    });
  });
});

describe("department input", () => {
  it("coerces the parent and order from form strings", () => {
    expect(departmentInput.parse({ name: " 教务处 ", kind: "functional", parentId: "", sortOrder: "3" })).toEqual({
      name: "教务处",
      kind: "functional",
      parentId: null,
      sortOrder: 3,
    });
    expect(departmentInput.parse({ name: "考务科", kind: "functional", parentId: "4" })).toMatchObject({ parentId: 4, sortOrder: 0 });
  });

  it("refuses an unknown kind", () => {
    expect(errors(departmentInput, { name: "x", kind: "club" }).kind).toBe("errors.choose");
  });
});

describe("dates", () => {
  const p = { deputyId: "2", departmentId: "3", startsOn: "2026-03-01" };

  it("accept an open-ended portfolio", () => {
    expect(portfolioInput.parse({ ...p, endsOn: "" }).endsOn).toBeNull();
    expect(portfolioInput.parse(p).endsOn).toBeNull();
  });

  it("must be in order: the end on or after the start", () => {
    expect(portfolioInput.safeParse({ ...p, endsOn: "2026-03-01" }).success).toBe(true);
    expect(errors(portfolioInput, { ...p, endsOn: "2026-02-28" })).toEqual({ endsOn: "errors.dateOrder" });
  });

  it("must be real dates", () => {
    expect(errors(portfolioInput, { ...p, startsOn: "2026-02-29" }).startsOn).toBe("errors.date");
    expect(errors(portfolioInput, { ...p, endsOn: "2026-13-01" }).endsOn).toBe("errors.date");
    expect(errors(portfolioInput, { ...p, startsOn: undefined }).startsOn).toBe("errors.required");
  });
});

describe("delegation input", () => {
  const d = { fromUserId: "2", toUserId: "3", startsOn: "2026-10-08", endsOn: "2026-10-16" };

  it("refuses a delegation to oneself at the recipient field", () => {
    expect(errors(delegationInput, { ...d, toUserId: "2" })).toEqual({ toUserId: "errors.selfDelegation" });
  });

  it("refuses an end before the start", () => {
    expect(errors(delegationInput, { ...d, endsOn: "2026-10-07" })).toEqual({ endsOn: "errors.dateOrder" });
    expect(delegationInput.safeParse({ ...d, endsOn: "2026-10-08" }).success).toBe(true);
  });

  it("reads departmentIds from none, one or repeated values, once each", () => {
    expect(delegationInput.parse(d).departmentIds).toEqual([]);
    expect(delegationInput.parse({ ...d, departmentIds: "5" }).departmentIds).toEqual([5]);
    expect(delegationInput.parse({ ...d, departmentIds: ["5", "7", "5"] }).departmentIds).toEqual([5, 7]);
    expect(delegationInput.safeParse({ ...d, departmentIds: ["5", "x"] }).success).toBe(false);
    expect(delegationInput.safeParse({ ...d, departmentIds: "-1" }).success).toBe(false);
  });

  it("keeps an optional note", () => {
    expect(delegationInput.parse({ ...d, note: "  出差 " }).note).toBe("出差");
    expect(delegationInput.parse({ ...d, note: "" }).note).toBeNull();
    expect(errors(delegationInput, { ...d, note: "x".repeat(201) }).note).toBe("errors.tooLong");
  });
});

describe("calendar day input", () => {
  it("accepts holiday, workday and normal", () => {
    for (const kind of ["holiday", "workday", "normal"]) expect(calendarDayInput.safeParse({ day: "2026-10-01", kind }).success).toBe(true);
    expect(errors(calendarDayInput, { day: "2026-10-01", kind: "weekend" }).kind).toBe("errors.choose");
    expect(errors(calendarDayInput, { day: "2026-02-29", kind: "holiday" }).day).toBe("errors.date");
  });
});

describe("absent optional fields", () => {
  // Unticked checkboxes and missing selects send no field at all in FormData.
  it("parse when the field is missing altogether", () => {
    expect(departmentInput.parse({ name: "教务处", kind: "functional" }).parentId).toBeNull();
    expect(delegationInput.parse({ fromUserId: "2", toUserId: "3", startsOn: "2026-10-08", endsOn: "2026-10-16" }).departmentIds).toEqual([]);
  });
});
