// Helpers for app-context tests: an app set up through lib/ (as an admin would in the portal), and
// raw form posts to the token endpoints, like curl.
import http from "node:http";
import { addAppPermissions, createClientSecret, grantAdminConsent, registerApp } from "@/lib/oauth/apps";
import type { UserActor } from "@/lib/actor";
import type { Scope } from "@/lib/permissions";
import { PORT } from "./fixtures";

export const RESOURCE = "05a65629-4c1b-48c1-a78b-804c4abdd4af";

/** A tenant's full admin as lib/ sees the person acting. */
export function adminActor(admin: { id: string; tenantId: string }): UserActor {
  return { tenantId: admin.tenantId, userId: admin.id, label: `admin ${admin.id}`, role: "GLOBAL_ADMIN" };
}

export async function setUpApp(owner: { id: string; tenantId: string } | UserActor, scopes: Scope[], options: { multiTenant?: boolean; consent?: boolean; months?: number } = {}) {
  const admin = "userId" in owner ? owner : adminActor(owner);
  const app = await registerApp(admin, { name: `Test app ${Math.random().toString(36).slice(2, 8)}`, multiTenant: options.multiTenant ?? false });
  if (scopes.length) await addAppPermissions(admin, app.id, scopes);
  if (options.consent ?? true) await grantAdminConsent(admin, app.id);
  const secret = await createClientSecret(admin, app.id, { description: "test", months: options.months ?? 6 });
  return { clientId: app.id, clientSecret: secret.value, name: app.name };
}

export type FormResponse = { status: number; json: any; headers: http.IncomingHttpHeaders };

export function postForm(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<FormResponse> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port: Number(PORT), path, method: "POST", headers: { host: `localhost:${PORT}`, "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)), ...headers } },
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
          resolve({ status: response.statusCode ?? 0, json, headers: response.headers });
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

export async function v2Token(tenantId: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await postForm(`/${tenantId}/oauth2/v2.0/token`, { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: `${RESOURCE}/.default` });
  if (response.status !== 200) throw new Error(`token endpoint said ${response.status}: ${JSON.stringify(response.json)}`);
  return response.json.access_token;
}

export function claimsOf(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}
