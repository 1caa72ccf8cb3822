import { jwks } from "@/lib/oauth/endpoints";

export const GET = jwks;
