import { tokenEndpoint } from "@/lib/oauth/endpoints";

export const POST = tokenEndpoint("2.0");
