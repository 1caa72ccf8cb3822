"use client";
// Who is signed in, and Sign out. On wide screens both sit in the header; on narrow ones (phones,
// 200 % zoom) they fold behind an "Account" button (a disclosure) so the header never runs off the
// screen and Sign out stays within reach.
import Link from "next/link";
import { SignOutButton } from "@/components/portal/sign-out-button";
import { ChevronDownIcon, UserIcon } from "@/components/ui/icons";
import { useDisclosure } from "@/components/ui/use-disclosure";

export function AccountMenu({ user, tenantName, signedOutUrl = "/signin" }: { user: { name: string; email: string; roleLabel: string }; tenantName: string; signedOutUrl?: string }) {
  const { open, panelId, containerRef, buttonProps, onKeyDown } = useDisclosure({ closeOnOutsidePress: true });

  return (
    <div ref={containerRef} className="relative" onKeyDown={onKeyDown}>
      <button
        {...buttonProps}
        className="flex min-h-9 items-center gap-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 lg:hidden"
      >
        <UserIcon />
        Account
        <ChevronDownIcon className={`h-4 w-4 transition-transform ${open ? "rotate-180" : ""}`} />
      </button>
      <div
        id={panelId}
        className={`${open ? "flex" : "hidden"} absolute top-full right-0 z-30 mt-2 w-72 max-w-[calc(100vw-1.5rem)] flex-col gap-3 rounded-md border border-slate-200 bg-white p-4 shadow-lg lg:static lg:mt-0 lg:flex lg:w-auto lg:max-w-none lg:flex-row lg:items-center lg:gap-3 lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none`}
      >
        <div className="text-sm leading-tight lg:text-right" data-testid="signed-in-user">
          <div className="font-medium break-words">{user.name}</div>
          <div className="break-all text-slate-600 lg:break-normal">
            {user.email} · {user.roleLabel}
          </div>
        </div>
        <p className="text-sm text-slate-600 lg:hidden">Tenant: {tenantName}</p>
        <Link href="/settings/account" className="text-sm text-brand-700 underline lg:hidden">
          My account
        </Link>
        <SignOutButton callbackUrl={signedOutUrl} />
      </div>
    </div>
  );
}
