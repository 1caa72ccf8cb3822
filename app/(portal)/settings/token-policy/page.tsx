import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { TokenPolicyForm } from "@/components/tokens/token-policy-form";
import { BeyondPolicyTokens } from "@/components/tokens/beyond-policy-tokens";
import { OwnerMailStatus } from "@/components/tokens/owner-mail-status";
import { requirePermission } from "@/lib/auth/session";
import { actorOfUser } from "@/lib/actions/safe-action";
import { getTokenPolicy, listTokensBeyondPolicy } from "@/lib/tokens/token-policy";
import { mailSettings } from "@/lib/mail/mail-settings";

export const metadata: Metadata = { title: "Token policy" };

/** The tenant's token lifetime policy (full admins only; others get the 403 page). */
export default async function TokenPolicyPage() {
  const user = await requirePermission("portal.tokens.manageAll");
  const now = new Date();
  const policy = await getTokenPolicy(user.tenant.id);
  const beyond = await listTokensBeyondPolicy(actorOfUser(user), policy.maxLifetimeDays, now);
  const mail = mailSettings();
  return (
    <section>
      <PageHeading section="Security extensions" title="Token policy">
        The longest lifetime a new API token, SIEM agent token or log collector token of {user.tenant.name} may get. Rotations are held to it too: a
        token rotated under a stricter policy gets the maximum. Tokens made before keep their expiry until you rotate or revoke them.
      </PageHeading>
      <TokenPolicyForm maxLifetimeDays={policy.maxLifetimeDays} />
      <BeyondPolicyTokens rows={beyond.rows} total={beyond.total} maxLifetimeDays={policy.maxLifetimeDays} serverNow={now.toISOString()} />
      <OwnerMailStatus mail={mail && { from: mail.from, host: mail.host }} />
    </section>
  );
}
