import { listRoute } from "@/lib/api/list-route";
import { ACTIVITY_SPEC, listActivities } from "@/lib/resources/activities";
import { otherMethods } from "@/lib/api/other-methods";

export const { GET, POST } = listRoute(ACTIVITY_SPEC, listActivities, "activities.list");
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
