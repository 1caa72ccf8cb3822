// Every request Keyport makes to a tenant's identity provider (discovery, keys, token endpoint) goes
// through here. The issuer is typed by a tenant's admin, not by the deployment's operator, so it gets
// the webhooks' outbound rule: public addresses only, checked on the address actually connected to,
// unless the operator sets KEYPORT_OUTBOUND_PRIVATE_NETWORKS=allow. Redirects are never followed (a
// public name could otherwise send Keyport to a refused address), and every answer is bounded in size
// and time, so a slow or endless provider cannot hold a sign-in or a save for long.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { guardedLookup, isPublicAddress, privateNetworksAllowed } from "@/lib/webhooks/destination";

/** A whole answer (headers and body) within this time. */
export const PROVIDER_TIMEOUT_MS = 8_000;
/** Discovery documents, key sets and token answers are a few kilobytes; this is plenty. */
export const PROVIDER_MAX_BYTES = 512 * 1024;

/** Why a provider URL may not be called, in words for the admin; null when it may. */
export function providerUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter the issuer as a full URL, like https://login.example.com/tenant.";
  }
  if (url.username || url.password) return "The issuer URL cannot carry a user name or password.";
  if (url.search || url.hash) return "The issuer URL cannot have a query or a fragment.";
  const allowPrivate = privateNetworksAllowed();
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) {
    return "The issuer must be an https:// URL (the operator can allow http:// on private networks).";
  }
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return "Identity providers are reached only on public addresses: localhost is not one.";
  if (net.isIP(host) && !isPublicAddress(host)) return `Identity providers are reached only on public addresses: ${host} is private, loopback or link-local.`;
  return null;
}

export class ProviderFetchError extends Error {
  constructor(
    message: string,
    readonly reason: "refused" | "unreachable" | "timeout" | "too_large",
  ) {
    super(message);
    this.name = "ProviderFetchError";
  }
}

type FetchOptions = { method?: string; headers?: HeadersInit; body?: BodyInit | null; signal?: AbortSignal | null };

/** A fetch (the shape openid-client takes as its customFetch) held to the outbound rule and the limits above. */
export async function providerFetch(input: string | URL, options: FetchOptions = {}): Promise<Response> {
  const url = new URL(String(input));
  const problem = providerUrlProblem(url.href.replace(/[?#].*$/, ""));
  if (problem) throw new ProviderFetchError(problem, "refused");
  const headers = new Headers(options.headers);
  let body: Buffer | undefined;
  if (options.body !== undefined && options.body !== null) {
    body = Buffer.from(await new Response(options.body).arrayBuffer());
    headers.set("content-length", String(body.length));
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const request = client.request(url, { method: options.method ?? "GET", headers: Object.fromEntries(headers), lookup: guardedLookup, agent: false }, (answer) => {
      const chunks: Buffer[] = [];
      let size = 0;
      answer.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > PROVIDER_MAX_BYTES) {
          answer.destroy();
          settle(() => reject(new ProviderFetchError(`The identity provider's answer is larger than ${PROVIDER_MAX_BYTES / 1024} KiB.`, "too_large")));
          return;
        }
        chunks.push(chunk);
      });
      answer.on("end", () =>
        settle(() => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(answer.headers)) {
            if (typeof value === "string") responseHeaders.set(name, value);
            else if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
          }
          const status = answer.statusCode ?? 502;
          // Response refuses a body on these statuses.
          const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
        }),
      );
      answer.on("error", (error) => settle(() => reject(new ProviderFetchError(`The identity provider's answer broke off (${error.message}).`, "unreachable"))));
    });
    const timer = setTimeout(() => {
      settle(() => reject(new ProviderFetchError(`The identity provider did not answer within ${PROVIDER_TIMEOUT_MS / 1000} seconds.`, "timeout")));
      request.destroy();
    }, PROVIDER_TIMEOUT_MS);
    options.signal?.addEventListener("abort", () => {
      settle(() => reject(new ProviderFetchError("The request to the identity provider was cancelled.", "timeout")));
      request.destroy();
    });
    request.on("error", (error) => {
      const refused = error.name === "BlockedDestinationError" || (error as { code?: unknown }).code === "EWEBHOOKBLOCKED";
      settle(() =>
        reject(
          refused
            ? new ProviderFetchError(`${url.hostname} resolves to a private, loopback or link-local address: identity providers are reached only on public addresses.`, "refused")
            : new ProviderFetchError(`Could not reach ${url.host} (${(error as { code?: string }).code ?? error.message}).`, "unreachable"),
        ),
      );
    });
    request.end(body);
  });
}
