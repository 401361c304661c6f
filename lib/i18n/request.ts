// The interface language comes from a cookie (zh-CN by default); times are shown in the
// organisation's time zone whatever the server's own zone is.
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { appConfig } from "@/lib/config";
import { MESSAGES } from "@/messages";
import { LOCALE_COOKIE, toLocale } from "./locales";

export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, timeZone: appConfig.timeZone, messages: MESSAGES[locale] };
});
