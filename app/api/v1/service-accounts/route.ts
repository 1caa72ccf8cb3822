import { withApiAuth } from "@/lib/api/with-api-auth";
import { createServiceAccountRoute, listServiceAccountsRoute } from "@/lib/api/service-accounts-api";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = withApiAuth(listServiceAccountsRoute, { action: "serviceAccounts.read" });
export const POST = withApiAuth(createServiceAccountRoute, { action: "serviceAccounts.manage" });
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
