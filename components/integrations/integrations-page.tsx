import { IntegrationsManager } from "@/components/integrations/integrations-manager";
import { PageHeading } from "@/components/portal/page-heading";
import { requirePermission } from "@/lib/auth/session";
import { listIntegrations } from "@/lib/integrations/integrations";
import { LOG_COLLECTOR_SOURCES, type IntegrationKind } from "@/lib/integrations/schemas";
import { getTokenPolicy } from "@/lib/tokens/token-policy";

const COPY: Record<IntegrationKind, { title: string; intro: string }> = {
  SIEM_AGENT: {
    title: "SIEM agents",
    intro: "A SIEM agent pulls alerts and activities into your SIEM with a token of its own, limited to reading. Its token is not listed with API tokens.",
  },
  LOG_COLLECTOR: {
    title: "Log collectors",
    intro: "A log collector uploads firewall and proxy logs for discovery with a token of its own, limited to discovery. Its token is not listed with API tokens.",
  },
};

/** The server half of both integration sections (full admins only; others get the 403 page): loads the rows. */
export async function IntegrationsPage({ kind }: { kind: IntegrationKind }) {
  const user = await requirePermission("portal.integrations.manage");
  const copy = COPY[kind];
  const now = new Date();
  const [rows, policy] = await Promise.all([listIntegrations(user.tenant.id, kind, now), getTokenPolicy(user.tenant.id)]);
  return (
    <section>
      <PageHeading section="Security extensions" title={copy.title}>
        {copy.intro}
      </PageHeading>
      <IntegrationsManager
        kind={kind}
        rows={rows}
        maxLifetimeDays={policy.maxLifetimeDays}
        sources={kind === "LOG_COLLECTOR" ? LOG_COLLECTOR_SOURCES : []}
        serverNow={now.toISOString()}
      />
    </section>
  );
}
