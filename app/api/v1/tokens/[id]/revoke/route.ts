import { withApiAuth } from "@/lib/api/with-api-auth";
import { revokeToken } from "@/lib/api/tokens-api";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth<{ id: string }>(revokeToken, { action: "tokens.manage" });
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
