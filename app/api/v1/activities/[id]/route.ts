import { withApiAuth } from "@/lib/api/with-api-auth";
import { getActivity } from "@/lib/resources/activities";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = withApiAuth<{ id: string }>((_request, { principal, params }) => getActivity(principal.tenant.id, params.id), { action: "activities.list" });
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
