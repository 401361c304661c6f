// Message files are split by area so that each stays small; keys are namespaced per file.
import type { Locale } from "@/lib/i18n/locales";
import zhCommon from "./zh-CN/common.json";
import enCommon from "./en/common.json";
import zhAdmin from "./zh-CN/admin.json";
import enAdmin from "./en/admin.json";
import zhUsers from "./zh-CN/users.json";
import enUsers from "./en/users.json";
import zhOrg from "./zh-CN/org.json";
import enOrg from "./en/org.json";
import zhItems from "./zh-CN/items.json";
import enItems from "./en/items.json";
import zhItemLists from "./zh-CN/item-lists.json";
import zhAttachments from "./zh-CN/attachments.json";
import zhNotifications from "./zh-CN/notifications.json";
import enNotifications from "./en/notifications.json";
import enAttachments from "./en/attachments.json";
import enItemLists from "./en/item-lists.json";
import zhRequests from "./zh-CN/requests.json";
import enRequests from "./en/requests.json";
import zhCoordination from "./zh-CN/coordination.json";
import zhNotices from "./zh-CN/notices.json";
import enNotices from "./en/notices.json";
import enCoordination from "./en/coordination.json";
import zhApi from "./zh-CN/api.json";
import enApi from "./en/api.json";
import zhSso from "./zh-CN/sso.json";
import enSso from "./en/sso.json";

export const MESSAGES = {
  "zh-CN": { ...zhCommon, ...zhAdmin, ...zhUsers, ...zhOrg, ...zhItems, ...zhItemLists, ...zhAttachments, ...zhNotifications, ...zhRequests, ...zhCoordination, ...zhNotices, ...zhSso, ...zhApi },
  en: { ...enCommon, ...enAdmin, ...enUsers, ...enOrg, ...enItems, ...enItemLists, ...enAttachments, ...enNotifications, ...enRequests, ...enCoordination, ...enNotices, ...enSso, ...enApi },
} satisfies Record<Locale, Record<string, unknown>>;
