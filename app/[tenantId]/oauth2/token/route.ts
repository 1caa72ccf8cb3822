import { tokenEndpoint } from "@/lib/oauth/endpoints";

export const POST = tokenEndpoint("1.0");
