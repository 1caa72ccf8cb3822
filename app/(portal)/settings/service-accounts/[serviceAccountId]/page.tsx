import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GenerateTokenButton } from "@/components/tokens/generate-token-dialog";
import { ServiceAccountTokens } from "@/components/service-accounts/service-account-tokens";
import { requirePermission } from "@/lib/auth/session";
import { actorOfUser } from "@/lib/actions/safe-action";
import { isAppError } from "@/lib/errors";
import { ROLE_LABELS, scopesOfRole } from "@/lib/permissions";
import { getServiceAccount, listServiceAccountTokens } from "@/lib/service-accounts/manage-service-accounts";
import { uuidSchema } from "@/lib/validation/common";
import { getTokenPolicy } from "@/lib/tokens/token-policy";
import { parseScopesJson } from "@/lib/tokens/token-scopes";

export const metadata: Metadata = { title: "Service account" };

export default async function ServiceAccountPage({ params }: { params: Promise<{ serviceAccountId: string }> }) {
  const user = await requirePermission("portal.serviceAccounts.manage");
  const id = uuidSchema.safeParse((await params).serviceAccountId);
  if (!id.success) notFound();
  const actor = actorOfUser(user);
  const account = await getServiceAccount(actor, id.data).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [tokens, policy] = await Promise.all([listServiceAccountTokens(actor, account.id), getTokenPolicy(user.tenant.id)]);
  const makerScopes = scopesOfRole(user.role);
  return (
    <section>
      <p className="text-sm text-slate-500">
        Settings › Access ›{" "}
        <Link href="/settings/service-accounts" className="text-brand-700 underline">
          Service accounts
        </Link>
      </p>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{account.name}</h1>
        {account.status === "active" ? (
          <GenerateTokenButton
            serviceAccountId={account.id}
            roleLabel={ROLE_LABELS[account.role]}
            roleScopes={scopesOfRole(account.role).filter((scope) => makerScopes.includes(scope))}
            maxLifetimeDays={policy.maxLifetimeDays}
          />
        ) : null}
      </div>
      {account.description ? <p className="mt-1 text-sm text-slate-600">{account.description}</p> : null}
      <p className="mt-1 text-sm text-slate-600">
        Role: {ROLE_LABELS[account.role]}. {account.status === "active" ? "Active." : "Disabled: its tokens are refused, and it gets no new token until it is enabled."}
      </p>
      <h2 className="mt-6 text-lg font-semibold">Tokens</h2>
      <ServiceAccountTokens
        maxLifetimeDays={policy.maxLifetimeDays}
        rows={tokens.map((token) => {
          const chosen = parseScopesJson(token.scopesJson);
          return {
            id: token.id,
            name: token.name,
            createdAt: token.createdAt.toISOString(),
            lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
            expiresAt: token.expiresAt?.toISOString() ?? null,
            lifetimeSeconds: token.lifetimeSeconds,
            scopes: chosen ? chosen.join(", ") : `All of ${ROLE_LABELS[account.role]}`,
            madeBy: token.issuer.name,
          };
        })}
      />
    </section>
  );
}
