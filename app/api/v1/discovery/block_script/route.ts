import { blockScriptRoute } from "@/lib/api/block-script-route";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = blockScriptRoute;
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
