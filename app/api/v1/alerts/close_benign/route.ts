import { closeAlertsRoute } from "@/lib/api/close-alerts-route";

export const POST = closeAlertsRoute("benign");
