import { handleLeakReport } from "@/lib/api/leak-report";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = handleLeakReport;
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
