import { SettingsNav } from "@/components/portal/settings-nav";
import { requireUser, userMay } from "@/lib/auth/session";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const hidden = [
    !userMay(user, "portal.tokens.manageAll") && "/settings/token-policy",
    !userMay(user, "auditLog.read") && "/settings/audit-log",
    !userMay(user, "portal.webhooks.manage") && "/settings/webhooks",
  ].filter((href): href is string => Boolean(href));
  return (
    <div className="mx-auto flex max-w-7xl gap-8 px-6 py-6">
      <SettingsNav hidden={hidden} />
      <main id="main" className="min-w-0 flex-1">
        {children}
      </main>
    </div>
  );
}
