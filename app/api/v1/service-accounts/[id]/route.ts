import { withApiAuth } from "@/lib/api/with-api-auth";
import { deleteServiceAccountRoute } from "@/lib/api/service-accounts-api";
import { otherMethods } from "@/lib/api/other-methods";

export const DELETE = withApiAuth<{ id: string }>(deleteServiceAccountRoute, { action: "serviceAccounts.manage" });
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
