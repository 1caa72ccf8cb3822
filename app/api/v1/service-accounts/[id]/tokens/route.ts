import { withApiAuth } from "@/lib/api/with-api-auth";
import { createServiceAccountTokenRoute } from "@/lib/api/service-accounts-api";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth<{ id: string }>(createServiceAccountTokenRoute, { action: "serviceAccounts.manage" });
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
