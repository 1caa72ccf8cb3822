import { withApiAuth } from "@/lib/api/with-api-auth";
import { rotateCallingToken } from "@/lib/api/tokens-api";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth(rotateCallingToken, { action: "tokens.rotateSelf" });
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
