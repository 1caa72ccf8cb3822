// Served at /{tenantId}/v2.0/.well-known/openid-configuration (a rewrite in next.config.js).
import { openIdConfiguration } from "@/lib/oauth/endpoints";

export const GET = openIdConfiguration("2.0");
