import { listRoute } from "@/lib/api/list-route";
import { ACTIVITY_SPEC, listActivities } from "@/lib/resources/activities";

export const { GET, POST } = listRoute(ACTIVITY_SPEC, listActivities, "activities.list");
