// An issuer's OpenID Connect discovery document, read through the outbound rule, and what is wrong with
// it said in words for the admin who typed the issuer (Settings › Single sign-on saves nothing then).
import { AppError } from "@/lib/errors";
import { providerFetch, providerUrlProblem, ProviderFetchError } from "@/lib/identity/outbound-fetch";

export type ProviderMetadata = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint?: string;
  jwks_uri?: string;
  end_session_endpoint?: string;
  [key: string]: unknown;
};

/** Issuer URLs are compared as written, less a trailing slash the admin may or may not have typed. */
export const sameIssuer = (a: string, b: string) => a.replace(/\/+$/, "") === b.replace(/\/+$/, "");

function invalid(message: string): AppError {
  return new AppError("invalid_request", message, { details: { issuerUrl: [message] } });
}

/** The issuer's metadata, or an "invalid_request" AppError whose message says what is wrong. */
export async function discoverProvider(issuerUrl: string): Promise<ProviderMetadata> {
  const problem = providerUrlProblem(issuerUrl);
  if (problem) throw invalid(problem);
  const address = `${issuerUrl.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  let answer: Response;
  try {
    answer = await providerFetch(address, { headers: { accept: "application/json" } });
  } catch (error) {
    if (error instanceof ProviderFetchError) throw invalid(`The issuer is unreachable: ${error.message}`);
    throw error;
  }
  if (answer.status >= 300 && answer.status < 400) throw invalid(`The issuer answered ${address} with a redirect (${answer.status}); Keyport follows none. Enter the issuer exactly as the provider names it.`);
  if (!answer.ok) throw invalid(`The issuer answered ${address} with HTTP ${answer.status}: is the issuer URL right?`);
  let document: unknown;
  try {
    document = JSON.parse(await answer.text());
  } catch {
    throw invalid(`The issuer's ${address} is not JSON: is the issuer URL right?`);
  }
  if (!document || typeof document !== "object" || Array.isArray(document)) throw invalid(`The issuer's discovery document is not a JSON object.`);
  const metadata = document as Record<string, unknown>;
  if (typeof metadata.issuer !== "string" || !sameIssuer(metadata.issuer, issuerUrl)) {
    throw invalid(`The discovery document names another issuer (${typeof metadata.issuer === "string" ? metadata.issuer : "none"}), not ${issuerUrl}. Enter the issuer exactly as the provider names it.`);
  }
  if (typeof metadata.authorization_endpoint !== "string") throw invalid("The discovery document has no authorization endpoint.");
  if (typeof metadata.token_endpoint !== "string") throw invalid("The discovery document has no token endpoint.");
  if (typeof metadata.jwks_uri !== "string") throw invalid("The discovery document has no key set (jwks_uri).");
  for (const field of ["authorization_endpoint", "token_endpoint", "jwks_uri"] as const) {
    const endpointProblem = providerUrlProblem(String(metadata[field]).replace(/[?#].*$/, ""));
    if (endpointProblem) throw invalid(`The discovery document's ${field}: ${endpointProblem}`);
  }
  return metadata as ProviderMetadata;
}
