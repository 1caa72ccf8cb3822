import { withApiAuth } from "@/lib/api/with-api-auth";
import { setDisabledRoute } from "@/lib/api/service-accounts-api";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth<{ id: string }>(setDisabledRoute(false), { action: "serviceAccounts.manage" });
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
