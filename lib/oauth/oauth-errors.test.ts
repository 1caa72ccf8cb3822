// The token endpoints' one translation of refusals into RFC 6749 §5.2 answers.
import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { oauthErrorResponse } from "@/lib/oauth/oauth-errors";

async function answer(error: unknown) {
  const response = oauthErrorResponse(error);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("OAuth error answers", () => {
  it("maps domain codes: unauthorized is invalid_client 401 with a Basic challenge, forbidden unauthorized_client 400", async () => {
    const client = await answer(new AppError("unauthorized", "Invalid client secret provided."));
    expect(client).toMatchObject({ status: 401, body: { error: "invalid_client", error_description: "Invalid client secret provided." } });
    expect(client.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect(client.headers.get("cache-control")).toBe("no-store");
    expect(await answer(new AppError("forbidden", "No consent."))).toMatchObject({ status: 400, body: { error: "unauthorized_client" } });
    expect(await answer(new AppError("invalid_request", "No grant_type."))).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(await answer(new AppError("not_found", "Tenant 'x' not found."))).toMatchObject({ status: 400, body: { error: "invalid_request" } });
  });

  it("uses the thrower's OAuth code when it names one", async () => {
    expect(await answer(new AppError("invalid_request", "Bad scope.", { oauthCode: "invalid_scope" }))).toMatchObject({ status: 400, body: { error: "invalid_scope" } });
    expect(await answer(new AppError("forbidden", "x", { oauthCode: "invalid_client" }))).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });

  it("anything else is a server_error that tells nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const failed = await answer(new Error("cannot read the key s3cr3t-detail"));
    expect(failed).toMatchObject({ status: 500, body: { error: "server_error" } });
    expect(JSON.stringify(failed.body)).not.toContain("s3cr3t");
    log.mockRestore();
  });
});
