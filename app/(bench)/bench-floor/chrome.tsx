// BENCH ONLY: the portal's frame (app/(portal)/layout.tsx) drawn from the fixture instead of
// the session, with the same components, so that a floor page weighs what the real page does.
import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { appConfig } from "@/lib/config";
import { signOutAction, switchHomeAction } from "@/lib/actions/session";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { PortalNav } from "@/components/portal-nav";
import { LiveBadge } from "@/components/notifications/live-badge";
import type { FloorFixture } from "./fixture";

export async function FloorChrome({ fixture, children }: { fixture: FloorFixture; children: ReactNode }) {
  const t = await getTranslations();
  const { actor, unread } = fixture;
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("common.skipToContent")}
      </a>
      <header className="border-b border-brand-800 bg-brand-700 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
          <Link href="/" className="flex items-baseline gap-2">
            <span className="text-lg font-bold tracking-wide">{t("common.appName")}</span>
            <span className="hidden text-xs text-brand-100 sm:inline">{appConfig.orgName}</span>
          </Link>
          {actor.homes.length > 1 && (
            <nav aria-label={t("homes.switch")} className="flex flex-wrap gap-1" data-testid="home-switcher">
              {actor.homes.map((h) => (
                <form key={h} action={switchHomeAction}>
                  <input type="hidden" name="home" value={h} />
                  <button type="submit" aria-current={h === actor.home ? "page" : undefined} className="rounded px-2 py-1 text-sm">
                    {t(`homes.${h}`)}
                  </button>
                </form>
              ))}
            </nav>
          )}
          <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
            <LiveBadge initialCount={unread} />
            <Link href="/account" className="hover:underline" data-testid="current-user">
              {actor.name} <span className="text-brand-100">· {actor.departmentName}</span>
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="rounded px-2 py-1 text-brand-100 hover:bg-white/10" data-testid="sign-out">
                {t("auth.signOut")}
              </button>
            </form>
          </div>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-6 px-4 py-6 md:flex-row">
        <PortalNav home={actor.home} />
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between px-4 py-2 text-xs text-slate-500">
          <span>
            {t("common.appName")} · {appConfig.orgName}
          </span>
          <LocaleSwitcher />
        </div>
      </footer>
    </div>
  );
}
