import type { Metadata } from "next";
import { SettingsBreadcrumbs } from "@/components/portal/page-heading";
import { ApiTokensTable } from "@/components/tokens/api-tokens-table";
import { GenerateTokenButton } from "@/components/tokens/generate-token-dialog";
import { ExpiringSoonNotice } from "@/components/tokens/expiring-soon-notice";
import { ReadOnlyNotice } from "@/components/tokens/read-only-notice";
import { requireUser, userMay } from "@/lib/auth/session";
import { countOwnTokensExpiringSoon, listApiTokens } from "@/lib/tokens/list-api-tokens";
import { getTokenPolicy } from "@/lib/tokens/token-policy";
import { tokenTableQuerySchema } from "@/lib/tokens/schemas";
import { actorOfUser } from "@/lib/actions/safe-action";
import { ROLE_SCOPES } from "@/lib/permissions";
import { replacementTemplate, type ReplacementTemplate } from "@/lib/tokens/replacement";
import { uuidSchema } from "@/lib/validation/common";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const actor = actorOfUser(user);
  const params = await searchParams;
  const query = tokenTableQuerySchema.parse(params);
  const now = new Date();
  const [page, expiringSoon, policy] = await Promise.all([listApiTokens(actor, query, now), countOwnTokensExpiringSoon(actor, now), getTokenPolicy(user.tenant.id)]);
  // ?replace=<id> ("Generate a replacement" on an expired row or a leak notice) opens the dialog with that
  // token's settings; an id that is not the person's own token opens nothing.
  const replace = uuidSchema.safeParse(params.replace);
  const replacement: ReplacementTemplate | null = replace.success
    ? await replacementTemplate(actor, replace.data, policy.maxLifetimeDays).catch((error: unknown) => {
        if (isAppError(error) && error.code === "not_found") return null;
        throw error;
      })
    : null;
  const seesAll = userMay(user, "portal.tokens.manageAll");

  return (
    <section aria-labelledby="api-tokens-title">
      <SettingsBreadcrumbs section="Security extensions" />
      <div className="mt-1 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 id="api-tokens-title" className="text-2xl font-semibold">
            API tokens
          </h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Scripts and SIEM tools call the Keyport API with these tokens. A token acts with the privileges of the user who generated it, as that
            user&apos;s role is at each call, narrowed to the scopes chosen for it. {seesAll ? "As a Global administrator you see every API token of the tenant." : "You see the tokens you generated."}
          </p>
          <ReadOnlyNotice role={user.role} />
        </div>
        <GenerateTokenButton roleLabel={user.roleLabel} roleScopes={ROLE_SCOPES[user.role]} maxLifetimeDays={policy.maxLifetimeDays} replacement={replacement} />
      </div>
      {expiringSoon > 0 ? <ExpiringSoonNotice count={expiringSoon} /> : null}
      <ApiTokensTable page={page} query={query} serverNow={now.toISOString()} maxLifetimeDays={policy.maxLifetimeDays} seesAll={seesAll} />
    </section>
  );
}
