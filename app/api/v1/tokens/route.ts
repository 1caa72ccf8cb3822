import { withApiAuth } from "@/lib/api/with-api-auth";
import { createToken, listTokens } from "@/lib/api/tokens-api";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = withApiAuth(listTokens, { action: "tokens.list" });
export const POST = withApiAuth(createToken, { action: "tokens.manage" });
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
