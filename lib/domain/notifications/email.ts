// E-mail copies of notifications: their text (in the organisation's language, from the
// message files) and the retry schedule of the outbox.
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/messages";

/** After this many failed attempts a message is given up (status "failed"). */
export const MAX_EMAIL_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** The wait before the next try after `attempts` failed ones: 1 min, 2, 4 … at most 1 h. */
export function retryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 30));
}

/** What happens to a message whose `attempts`-th try just failed. */
export function afterFailure(attempts: number, now: Date): { status: "failed" } | { status: "pending"; nextAttemptAt: Date } {
  if (attempts >= MAX_EMAIL_ATTEMPTS) return { status: "failed" };
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

export type NotificationEmailInput = {
  locale: Locale;
  kind: string;
  recipientName: string;
  orgName: string;
  /** The record's number (e.g. 督〔2026〕5号), when it has one. */
  number: string | null;
  title: string | null;
  /** An absolute link to the notification, when the portal's address is known. */
  link: string | null;
};

/** Subject and plain-text body of the e-mail copy of one notification. */
export function renderNotificationEmail(input: NotificationEmailInput): { subject: string; body: string } {
  const t = createTranslator({ locale: input.locale, messages: MESSAGES[input.locale], namespace: "notifications" });
  const kindKey = `kinds.${input.kind}`;
  const what = t.has(kindKey as never) ? t(kindKey as never) : input.kind;
  const record = [input.number, input.title].filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
  const subject = (record ? t("email.subject", { org: input.orgName, kind: what, record }) : t("email.subjectPlain", { org: input.orgName, kind: what }))
    .replace(/[\r\n]+/g, " ")
    .slice(0, 200);
  const lines = [
    t("email.greeting", { name: input.recipientName }),
    "",
    t("email.what", { kind: what }),
    ...(record ? [t("email.record", { record })] : []),
    "",
    input.link ? t("email.link", { link: input.link }) : t("email.noLink"),
    "",
    "--",
    t("email.footer", { org: input.orgName }),
  ];
  return { subject, body: lines.join("\n") + "\n" };
}
