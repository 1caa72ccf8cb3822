import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TokenDetails } from "@/components/tokens/token-details";
import { requireUser } from "@/lib/auth/session";
import { actorOfUser } from "@/lib/actions/safe-action";
import { isAppError } from "@/lib/errors";
import { getApiTokenDetails } from "@/lib/tokens/token-details";
import { getTokenPolicy } from "@/lib/tokens/token-policy";
import { uuidSchema } from "@/lib/validation/common";

export const metadata: Metadata = { title: "API token" };

/** One API token's details: its owner or a full admin of its tenant; anybody else gets the 404 page. */
export default async function ApiTokenDetailsPage({ params }: { params: Promise<{ tokenId: string }> }) {
  const user = await requireUser();
  const { tokenId } = await params;
  if (!uuidSchema.safeParse(tokenId).success) notFound();
  const now = new Date();
  const details = await getApiTokenDetails(actorOfUser(user), tokenId, now).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const policy = await getTokenPolicy(user.tenant.id);
  return <TokenDetails details={details} serverNow={now.toISOString()} maxLifetimeDays={policy.maxLifetimeDays} />;
}
