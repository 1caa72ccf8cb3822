"use client";
// The settings menu: a column beside the page on wide screens; on narrow ones (phones, 200 % zoom) it
// folds into a button that opens it (a disclosure), as Entra and Defender for Cloud Apps do, so the
// page gets the whole width. The current page is marked (aria-current) and named on the button.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { ChevronDownIcon } from "@/components/ui/icons";
import { useDisclosure } from "@/components/ui/use-disclosure";

type Section = { title: string; links: { href: string; label: string }[] };

function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function SettingsNavMenu({ sections }: { sections: Section[] }) {
  const pathname = usePathname();
  const { open, panelId: listId, buttonProps, onKeyDown } = useDisclosure();
  const current = sections.flatMap((section) => section.links).find((link) => isCurrent(pathname, link.href));

  return (
    <nav
      aria-label="Settings"
      className="w-full shrink-0 md:w-56"
      onKeyDown={onKeyDown}
    >
      <button
        {...buttonProps}
        className="flex min-h-11 w-full items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-left text-sm md:hidden"
      >
        <span>
          <span className="font-medium">Settings menu</span>
          {current ? <span className="text-slate-600"> · {current.label}</span> : null}
        </span>
        <ChevronDownIcon className={`h-4 w-4 transition-transform ${open ? "rotate-180" : ""}`} />
      </button>
      <div id={listId} className={`${open ? "block" : "hidden"} mt-2 rounded-md border border-slate-200 bg-white p-2 md:mt-0 md:block md:border-0 md:bg-transparent md:p-0`}>
        <h2 className="hidden px-3 text-xs font-semibold tracking-wide text-slate-600 uppercase md:block">Settings</h2>
        {sections.map((section, index) => (
          <div key={section.title} className={index === 0 ? "md:mt-4" : "mt-4"}>
            <h3 className="px-3 text-sm font-medium text-slate-700">{section.title}</h3>
            <ul className="mt-1 space-y-0.5">
              {section.links.map((link) => {
                const here = isCurrent(pathname, link.href);
                // The page itself, or a page under it (an app registration's page is under the list).
                return (
                  <li key={link.href}>
                    <Link
                      href={link.href}
                      aria-current={pathname === link.href ? "page" : here ? "true" : undefined}
                      className={`block rounded-md px-3 py-2 text-sm md:py-1.5 ${here ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
                    >
                      {link.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
