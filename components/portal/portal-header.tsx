import Link from "next/link";
import { HelpMenu, type AboutInfo } from "@/components/portal/help-menu";
import { SignOutButton } from "@/components/portal/sign-out-button";

export function PortalHeader({ user, tenant, version }: { user: { name: string; email: string; roleLabel: string }; tenant: AboutInfo["tenant"]; version: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-7xl items-center gap-4 px-6 py-3">
        <Link href="/settings/api-tokens" className="flex items-center gap-2 font-semibold text-brand-700">
          <img src="/logo.svg" alt="" width={20} height={20} />
          Keyport
        </Link>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-700" data-testid="tenant-name">
          <span className="sr-only">Tenant: </span>
          {tenant.name}
        </span>
        <nav aria-label="Portal" className="flex gap-4 text-sm">
          <Link href="/alerts" className="text-slate-700 hover:text-brand-700">
            Alerts
          </Link>
          <Link href="/settings/api-tokens" className="text-slate-700 hover:text-brand-700">
            Settings
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <HelpMenu about={{ version, tenant }} />
          <div className="text-right text-sm leading-tight" data-testid="signed-in-user">
            <div className="font-medium">{user.name}</div>
            <div className="text-slate-500">
              {user.email} · {user.roleLabel}
            </div>
          </div>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
