// Served at /{tenantId}/.well-known/openid-configuration (a rewrite in next.config.js).
import { openIdConfiguration } from "@/lib/oauth/endpoints";

export const GET = openIdConfiguration("1.0");
