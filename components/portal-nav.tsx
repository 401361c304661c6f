import { getTranslations } from "next-intl/server";
import type { Home } from "@/lib/domain/roles";
import { NavLink } from "./nav-link";

const SECTIONS: Record<Home, { href: string; key: string }[]> = {
  leadership: [{ href: "/leadership", key: "home" }],
  office: [{ href: "/office", key: "home" }],
  department: [{ href: "/department", key: "home" }],
  admin: [
    { href: "/admin", key: "admin" },
    { href: "/admin/departments", key: "departments" },
    { href: "/admin/users", key: "users" },
    { href: "/admin/portfolios", key: "portfolios" },
    { href: "/admin/delegations", key: "delegations" },
    { href: "/admin/calendar", key: "calendar" },
    { href: "/admin/audit", key: "audit" },
  ],
};

export async function PortalNav({ home }: { home: Home }) {
  const t = await getTranslations("nav");
  return (
    <nav aria-label={t("home")} className="md:w-48 md:shrink-0">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {[...SECTIONS[home], { href: "/account", key: "account" }].map((s) => (
          <li key={s.href}>
            <NavLink href={s.href}>{t(s.key)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
