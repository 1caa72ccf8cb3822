"use client";
// The "?" help menu (a menu button per the WAI-ARIA pattern): the About dialog, and the API reference
// (/docs/api, rendered from the OpenAPI document), which opens in a new tab.
import { useEffect, useRef, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";

export type AboutInfo = { version: string; tenant: { id: string; slug: string; name: string; url: string } };

export function HelpMenu({ about }: { about: AboutInfo }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const [aboutOpen, setAboutOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const firstItemRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    firstItemRef.current?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [menuOpen]);

  function closeMenu() {
    setMenuOpen(false);
    buttonRef.current?.focus();
  }

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label="Help"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        aria-controls="help-menu"
        onClick={() => setMenuOpen((open) => !open)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setMenuOpen(true);
          }
        }}
        className="flex h-9 w-9 items-center justify-center rounded-full border border-slate-300 text-sm font-semibold text-slate-700 hover:bg-slate-100"
      >
        ?
      </button>
      {menuOpen ? (
        <div
          id="help-menu"
          role="menu"
          aria-label="Help"
          className="absolute right-0 z-20 mt-2 w-44 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
          onKeyDown={(event) => {
            if (event.key === "Escape" || event.key === "Tab") closeMenu();
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              event.preventDefault();
              const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
              const at = items.indexOf(document.activeElement as HTMLElement);
              items[(at + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
            }
          }}
        >
          <button
            ref={firstItemRef}
            type="button"
            role="menuitem"
            className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100"
            onClick={() => {
              setMenuOpen(false);
              setAboutOpen(true);
            }}
          >
            About
          </button>
          <a
            role="menuitem"
            href="/docs/api"
            target="_blank"
            rel="noopener"
            className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100"
            onClick={() => setMenuOpen(false)}
          >
            API reference
          </a>
        </div>
      ) : null}
      {/* The menu item that opened it is gone by the time it closes: focus goes back to Help. */}
      <Dialog open={aboutOpen} onClose={() => setAboutOpen(false)} title="About Keyport" returnFocus={buttonRef}>
        <dl className="grid grid-cols-1 items-baseline gap-x-4 text-sm sm:grid-cols-[7rem_1fr] sm:gap-y-3">
          <dt className="font-medium text-slate-600">Version</dt>
          <dd className="mb-3 sm:mb-0">{about.version}</dd>
          <dt className="font-medium text-slate-600">Tenant</dt>
          <dd className="mb-3 sm:mb-0">{about.tenant.name}</dd>
          <dt className="font-medium text-slate-600">Tenant ID</dt>
          <dd className="mb-3 font-mono text-sm break-all sm:mb-0">{about.tenant.id}</dd>
          <dt className="font-medium text-slate-600">Tenant URL</dt>
          <dd className="flex items-baseline gap-2">
            <span className="min-w-0 flex-1 font-mono text-sm break-all" data-testid="about-tenant-url">
              {about.tenant.url}
            </span>
            <CopyButton value={about.tenant.url} label="Copy tenant URL" what="Tenant URL" />
          </dd>
        </dl>
        <p className="mt-4 text-sm text-slate-600">Scripts and SIEM tools call the API at the tenant URL with a token from Settings › API tokens.</p>
        <div className="mt-6 flex justify-end">
          <Button variant="primary" className="min-h-11 w-full sm:min-h-0 sm:w-auto" onClick={() => setAboutOpen(false)}>
            Close
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
