import { getTranslations } from "next-intl/server";
import type { Home } from "@/lib/domain/roles";
import { NavLink } from "./nav-link";

const SECTIONS: Record<Home, { href: string; key: string }[]> = {
  leadership: [{ href: "/leadership", key: "home" }, { href: "/requests", key: "requests" }, { href: "/coordination", key: "coordination" }, { href: "/notices", key: "notices" }],
  office: [{ href: "/office", key: "home" }, { href: "/office/items/new", key: "items.register.title" }, { href: "/office/ledger", key: "itemLists.ledger.nav" }, { href: "/requests", key: "requests" }, { href: "/coordination", key: "coordination" }, { href: "/notices", key: "notices" }],
  department: [{ href: "/department", key: "home" }, { href: "/requests", key: "requests" }, { href: "/coordination", key: "coordination" }, { href: "/notices", key: "notices" }],
  admin: [
    { href: "/admin", key: "admin" },
    { href: "/admin/departments", key: "departments" },
    { href: "/admin/users", key: "users" },
    { href: "/admin/portfolios", key: "portfolios" },
    { href: "/admin/delegations", key: "delegations" },
    { href: "/admin/calendar", key: "calendar" },
    { href: "/admin/audit", key: "audit" },
    { href: "/admin/service-accounts", key: "serviceAccounts" },
    { href: "/admin/webhooks", key: "api.nav.webhooks" },
    { href: "/admin/settings", key: "settings" },
  ],
};

export async function PortalNav({ home }: { home: Home }) {
  const t = await getTranslations("nav");
  // A dotted key names a message outside "nav" (a feature's own namespace).
  const root = await getTranslations();
  return (
    <nav aria-label={t("home")} className="md:w-48 md:shrink-0">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {[...SECTIONS[home], { href: "/account", key: "account" }].map((s) => (
          <li key={s.href}>
            <NavLink href={s.href}>{s.key.includes(".") ? root(s.key) : t(s.key)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
