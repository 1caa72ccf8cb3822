import { withApiAuth } from "@/lib/api/with-api-auth";
import { getActivity } from "@/lib/resources/activities";

export const GET = withApiAuth<{ id: string }>((_request, { principal, params }) => getActivity(principal.tenant.id, params.id), { action: "activities.list" });
