"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

const HOME_ROOTS = ["/leadership", "/office", "/department", "/admin"];

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  // A home link is current only on the home itself; section links also on their sub-pages.
  const current = pathname === href || (!HOME_ROOTS.includes(href) && pathname.startsWith(`${href}/`));
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm ${current ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {children}
    </Link>
  );
}
