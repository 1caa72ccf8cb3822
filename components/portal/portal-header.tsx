import Link from "next/link";
import { AccountMenu } from "@/components/portal/account-menu";
import { HelpMenu, type AboutInfo } from "@/components/portal/help-menu";
import { PortalNav } from "@/components/portal/portal-nav";
import { LogoMark } from "@/components/ui/icons";

// One row at every width: on a phone the product name shrinks to its logo and the account folds
// into a menu, so nothing runs off the edge.
export function PortalHeader({
  user,
  tenant,
  version,
  signedOutUrl = "/signin",
}: {
  user: { name: string; email: string; roleLabel: string };
  tenant: AboutInfo["tenant"];
  version: string;
  /** Where signing out lands: after single sign-on, the sign-in page offering the provider's sign-out too. */
  signedOutUrl?: string;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only rounded-md bg-white px-3 py-2 text-brand-700 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-7xl items-center gap-2 px-3 py-2 sm:gap-4 sm:px-6 sm:py-3">
        <Link href="/settings/api-tokens" className="flex shrink-0 items-center gap-2 rounded-md py-1 font-semibold text-brand-700">
          <LogoMark />
          <span className="sr-only sm:not-sr-only">Keyport</span>
        </Link>
        <span className="hidden rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-700 md:inline" data-testid="tenant-name">
          <span className="sr-only">Tenant: </span>
          {tenant.name}
        </span>
        <PortalNav />
        <div className="ml-auto flex items-center gap-2 sm:gap-3">
          <HelpMenu about={{ version, tenant }} />
          <AccountMenu user={user} tenantName={tenant.name} signedOutUrl={signedOutUrl} />
        </div>
      </div>
    </header>
  );
}
