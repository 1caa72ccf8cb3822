"use client";
// The header's menu: Alerts and Settings, the one you are in marked (aria-current) and underlined.
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/alerts", label: "Alerts", section: "/alerts" },
  { href: "/settings/api-tokens", label: "Settings", section: "/settings" },
];

export function PortalNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Portal" className="flex items-center gap-1 text-sm sm:gap-2">
      {LINKS.map((link) => {
        const inSection = pathname === link.section || pathname.startsWith(`${link.section}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={pathname === link.href ? "page" : inSection ? "true" : undefined}
            className={`rounded-md px-1.5 py-2 sm:px-2.5 ${inSection ? "font-medium text-brand-700 underline decoration-2 underline-offset-[0.6rem]" : "text-slate-700 hover:text-brand-700"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
