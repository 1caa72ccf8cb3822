import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { SingleSignOnForm } from "@/components/identity/single-sign-on-form";
import { BreakGlassSignIns } from "@/components/identity/break-glass-sign-ins";
import { requirePermission } from "@/lib/auth/session";
import { getSsoSettingsView, listBreakGlassSignIns, ssoRedirectUri } from "@/lib/identity/sso-settings";

export const metadata: Metadata = { title: "Single sign-on" };

const EMPTY = { issuerUrl: "", clientId: "", hasClientSecret: false, emailDomains: "", adminGroup: "", operatorGroup: "", readerGroup: "", defaultRole: "NONE", requireSso: false } as const;

/** The tenant's OpenID Connect provider (full admins only; others get the 403 page). */
export default async function SingleSignOnPage() {
  const user = await requirePermission("portal.sso.manage");
  const settings = (await getSsoSettingsView(user.tenant.id)) ?? EMPTY;
  return (
    <section>
      <PageHeading section="Access" title="Single sign-on">
        People of {user.tenant.name} sign in through your OpenID Connect provider (Entra ID, Okta, Google, Keycloak…): Keyport checks the provider&apos;s
        signature, issuer, audience, expiry and nonce, and gives each person the role their groups map to at every sign-in.
      </PageHeading>
      <SingleSignOnForm initial={settings} redirectUri={ssoRedirectUri()} />
      <BreakGlassSignIns rows={await listBreakGlassSignIns(user.tenant.id)} serverNow={new Date().toISOString()} />
    </section>
  );
}
