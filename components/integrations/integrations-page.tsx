import { IntegrationsManager } from "@/components/integrations/integrations-manager";
import { NotAllowed, PageHeading } from "@/components/portal/page-heading";
import { requireUser, userMay } from "@/lib/auth/session";
import { listIntegrations, LOG_COLLECTOR_SOURCES, type IntegrationKind } from "@/lib/integrations/integrations";

const COPY: Record<IntegrationKind, { title: string; what: string; intro: string }> = {
  SIEM_AGENT: {
    title: "SIEM agents",
    what: "SIEM agents",
    intro: "A SIEM agent pulls alerts and activities into your SIEM with a token of its own, limited to reading. Its token is not listed with API tokens.",
  },
  LOG_COLLECTOR: {
    title: "Log collectors",
    what: "log collectors",
    intro: "A log collector uploads firewall and proxy logs for discovery with a token of its own, limited to discovery. Its token is not listed with API tokens.",
  },
};

/** The server half of both integration sections: checks the session and role, loads the rows. */
export async function IntegrationsPage({ kind }: { kind: IntegrationKind }) {
  const user = await requireUser();
  const copy = COPY[kind];
  const allowed = userMay(user, "portal.integrations.manage");
  const now = new Date();
  return (
    <section>
      <PageHeading section="Security extensions" title={copy.title}>
        {copy.intro}
      </PageHeading>
      {allowed ? (
        <IntegrationsManager
          kind={kind}
          rows={await listIntegrations(user.tenant.id, kind, now)}
          sources={kind === "LOG_COLLECTOR" ? LOG_COLLECTOR_SOURCES : []}
          serverNow={now.toISOString()}
        />
      ) : (
        <NotAllowed what={copy.what} />
      )}
    </section>
  );
}
