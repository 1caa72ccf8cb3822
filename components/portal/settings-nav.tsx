"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  {
    title: "Security extensions",
    links: [
      { href: "/settings/api-tokens", label: "API tokens" },
      { href: "/settings/siem-agents", label: "SIEM agents" },
      { href: "/settings/log-collectors", label: "Log collectors" },
      { href: "/settings/token-policy", label: "Token policy" },
      { href: "/settings/webhooks", label: "Webhooks" },
    ],
  },
  {
    title: "Access",
    links: [
      { href: "/settings/users", label: "Users" },
      { href: "/settings/app-registrations", label: "App registrations" },
      { href: "/settings/audit-log", label: "Audit log" },
      { href: "/settings/account", label: "My account" },
    ],
  },
];

/** `hidden`: links to pages the signed-in user may not open (the layout decides, from the permission map). */
export function SettingsNav({ hidden = [] }: { hidden?: readonly string[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="w-56 shrink-0">
      <h2 className="px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">Settings</h2>
      {SECTIONS.map((section) => (
        <div key={section.title} className="mt-4">
          <h3 className="px-3 text-sm font-medium text-slate-700">{section.title}</h3>
          <ul className="mt-1 space-y-0.5">
            {section.links.filter((link) => !hidden.includes(link.href)).map((link) => {
              const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={current ? "page" : undefined}
                    className={`block rounded-md px-3 py-1.5 text-sm ${current ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
