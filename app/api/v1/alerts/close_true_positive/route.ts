import { closeAlertsRoute } from "@/lib/api/close-alerts-route";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = closeAlertsRoute("true_positive");
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
