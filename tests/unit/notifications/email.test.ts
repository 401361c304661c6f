import { describe, expect, it } from "vitest";
import { afterFailure, MAX_EMAIL_ATTEMPTS, renderNotificationEmail, retryDelayMs } from "@/lib/domain/notifications/email";

const MIN = 60_000;

describe("retry back-off", () => {
  it("doubles from one minute and stops growing at one hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelayMs)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60].map((m) => m * MIN));
  });

  it("treats nonsense attempt counts as the first attempt", () => {
    expect(retryDelayMs(0)).toBe(MIN);
    expect(retryDelayMs(-3)).toBe(MIN);
  });

  it("schedules the next try after a failure, and gives up after the last attempt", () => {
    const now = new Date("2026-03-02T08:00:00Z");
    expect(afterFailure(1, now)).toEqual({ status: "pending", nextAttemptAt: new Date("2026-03-02T08:01:00Z") });
    expect(afterFailure(3, now)).toEqual({ status: "pending", nextAttemptAt: new Date("2026-03-02T08:04:00Z") });
    expect(afterFailure(MAX_EMAIL_ATTEMPTS - 1, now).status).toBe("pending");
    expect(afterFailure(MAX_EMAIL_ATTEMPTS, now)).toEqual({ status: "failed" });
    expect(MAX_EMAIL_ATTEMPTS).toBe(8);
  });
});

describe("notification e-mail", () => {
  const base = {
    locale: "zh-CN" as const,
    kind: "awaiting_decision",
    recipientName: "李明华",
    orgName: "示范市第一中学",
    number: "督〔2026〕5号",
    title: "关于校园安全检查的督办",
    link: "https://zs.example.edu.cn/notifications/42",
  };

  it("names the event, the record and the link, in the organisation's language", () => {
    const { subject, body } = renderNotificationEmail(base);
    expect(subject).toBe("【示范市第一中学】有事项呈报您批示：督〔2026〕5号 关于校园安全检查的督办");
    expect(body).toContain("李明华：");
    expect(body).toContain("有事项呈报您批示。");
    expect(body).toContain("督〔2026〕5号 关于校园安全检查的督办");
    expect(body).toContain("https://zs.example.edu.cn/notifications/42");
    expect(body).toContain("请勿直接回复");
  });

  it("asks to sign in when the portal's address is unknown, and copes without a record", () => {
    const { subject, body } = renderNotificationEmail({ ...base, number: null, title: null, link: null });
    expect(subject).toBe("【示范市第一中学】有事项呈报您批示");
    expect(body).toContain("请登录中枢办公平台查看并办理。");
    expect(body).not.toContain("相关事项");
  });

  it("renders English too, and an unknown kind by its name", () => {
    const { subject, body } = renderNotificationEmail({ ...base, locale: "en", kind: "something_new", recipientName: "Li" });
    expect(subject).toBe("[示范市第一中学] something_new: 督〔2026〕5号 关于校园安全检查的督办");
    expect(body.startsWith("Dear Li,")).toBe(true);
  });

  it("keeps the subject on one line and bounded, whatever the title holds", () => {
    const { subject } = renderNotificationEmail({ ...base, title: "第一行\r\n第二行 {not a placeholder} " + "长".repeat(400) });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain("{not a placeholder}");
    expect(subject.length).toBeLessThanOrEqual(200);
  });

  it("has a text for every notification kind in both languages", async () => {
    const { MESSAGES } = await import("@/messages");
    const zh = Object.keys(MESSAGES["zh-CN"].notifications.kinds);
    expect(Object.keys(MESSAGES.en.notifications.kinds).sort()).toEqual([...zh].sort());
    for (const kind of zh) expect(renderNotificationEmail({ ...base, kind }).subject).not.toContain(kind);
  });
});
