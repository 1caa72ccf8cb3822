// Set-up for the token-controls stories: time-based rules are tested by moving a token's stored times
// into the past (no server clock is faked, and nobody sleeps), and API calls can come from the IPv6
// loopback as well as from 127.0.0.1. Writes only to the throwaway e2e database.
import http from "node:http";
import { db } from "@/lib/db/client";
import { TOKEN_CACHE_TTL_MS } from "@/lib/tokens/token-cache";
import type { UserActor } from "@/lib/actor";
import { assertE2eDatabase } from "../support/e2e-data";
import { PORT, type FixtureUser, type FreshTenant } from "../support/fixtures";
import type { ApiResponse } from "../support/api-client";
import { assertMatchesOpenApi } from "../support/openapi-check";

export function actorOf(tenant: FreshTenant, user: FixtureUser): UserActor {
  return { tenantId: tenant.id, userId: user.id, label: user.email, role: user.role };
}

/**
 * A change written behind the servers' backs is seen by every instance once the entries they cached
 * before it have expired: at most one second (the token cache's lifetime). The application's own
 * changes drop those entries at once; a test that edits rows directly waits this out instead.
 */
const waitOutTokenCaches = () => new Promise((resolve) => setTimeout(resolve, TOKEN_CACHE_TTL_MS + 200));

/** Moves a token's expiry (e.g. into the past: the token is then expired), as every instance sees it. */
export async function setTokenExpiry(tenantId: string, tokenId: string, expiresAt: Date | null): Promise<void> {
  assertE2eDatabase();
  await db.apiToken.update({ where: { id: tokenId, tenantId }, data: { expiresAt } });
  await waitOutTokenCaches();
}

/** Ends the grace period of a rotated token's previous value, as if it had run out a second ago, as every instance sees it. */
export async function endGracePeriod(tenantId: string, tokenId: string): Promise<void> {
  assertE2eDatabase();
  await db.apiToken.update({ where: { id: tokenId, tenantId }, data: { previousValidUntil: new Date(Date.now() - 1000) } });
  await waitOutTokenCaches();
}

export async function tokenRow(tenantId: string, tokenId: string) {
  return db.apiToken.findUniqueOrThrow({ where: { id: tokenId, tenantId } });
}

export async function tokenByName(tenantId: string, name: string) {
  return db.apiToken.findFirstOrThrow({ where: { tenantId, name } });
}

export async function auditEntries(tenantId: string, targetId: string) {
  return db.auditEvent.findMany({ where: { tenantId, targetId }, orderBy: { createdAt: "asc" } });
}

export async function tenantPolicy(tenantId: string) {
  return db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { maxTokenLifetimeDays: true } });
}

/**
 * An API call like callApi's, but over a chosen local address and port: "127.0.0.1" reaches the
 * dual-stack server as the IPv4-mapped peer ::ffff:127.0.0.1, "::1" as the IPv6 loopback.
 */
export async function callFrom(
  address: "127.0.0.1" | "::1",
  path: string,
  options: { token: string; headers?: Record<string, string>; port?: number },
): Promise<ApiResponse> {
  const response = await sendFrom(address, path, options);
  await assertMatchesOpenApi({ method: "GET", path, status: response.status, headers: response.headers, text: response.text });
  return response;
}

function sendFrom(
  address: "127.0.0.1" | "::1",
  path: string,
  options: { token: string; headers?: Record<string, string>; port?: number } ,
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: address,
        family: address === "::1" ? 6 : 4,
        port: options.port ?? Number(PORT),
        path,
        method: "GET",
        headers: { host: `localhost:${options.port ?? PORT}`, authorization: `Token ${options.token}`, "user-agent": "keyport-e2e-allowlist/1.0", ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    request.on("error", reject);
    request.end();
  });
}
