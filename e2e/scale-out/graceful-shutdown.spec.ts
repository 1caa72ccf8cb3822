// A rolling restart loses nothing: on SIGTERM an instance fails its health check while it keeps
// serving for a grace (also requests on connections kept alive from before), answers everything from
// then on with `Connection: close`, then stops taking connections, answers the requests it has
// accepted (here an upload still arriving when the signal comes) and writes the last uses it was still
// holding back before it exits.
import http from "node:http";
import path from "node:path";
import { generateToken } from "@/lib/tokens/generate-token";
import { callApi, multipart } from "../support/api-client";
import { findTokenRow } from "../support/e2e-data";
import { expect, test } from "../support/fixtures";
import { startInstance } from "../support/instances";
import { PG_E2E_DIR, SPARE_PORTS, instanceEnv } from "../support/pg-run";

test.describe.configure({ timeout: 120_000 });

test("SIGTERM during traffic: health fails during the grace, kept-alive and accepted requests complete, pending last uses are written", async ({ tenant }) => {
  const port = SPARE_PORTS.shutdown;
  const instance = await startInstance({
    port,
    env: {
      ...instanceEnv(),
      KEYPORT_DATA_DIR: path.join(PG_E2E_DIR, `data-${port}`),
      KEYPORT_PUBLIC_URL: `http://localhost:${port}`,
      KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${port}`,
      KEYPORT_TRUSTED_PROXIES: "",
      // Long enough that the checks below surely fall within it.
      KEYPORT_DRAIN_GRACE_MS: "10000",
    },
    log: path.join(PG_E2E_DIR, `server-shutdown-${port}.log`),
    readyTimeoutMs: 90_000,
  });
  try {
    const token = await generateToken({ tenantId: tenant.id, userId: tenant.operator.id, kind: "API_TOKEN", name: "rolling restart" });

    // The first use is written at once; a second one within the minute waits in the instance.
    expect((await callApi("/api/v1/whoami/", { token: token.value, port, userAgent: "first-use/1.0" })).status).toBe(200);
    await expect.poll(async () => (await findTokenRow(token.id))?.lastUsedAgent, { timeout: 10_000 }).toBe("first-use/1.0");
    expect((await callApi("/api/v1/whoami/", { token: token.value, port, userAgent: "pending-use/1.0" })).status).toBe(200);
    const firstRow = await findTokenRow(token.id);
    // A client's connection, kept alive from before the signal.
    const keptAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const getOn = (agent: http.Agent | false, path: string) =>
      new Promise<{ status: number; connection: string | undefined; text: string; reused: boolean }>((resolve, reject) => {
        const request = http.get({ host: "127.0.0.1", port, path, agent, headers: { host: `localhost:${port}`, authorization: `Token ${token.value}`, "user-agent": "kept-alive/1.0" } }, (response) => {
          let text = "";
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, text, reused: request.reusedSocket }));
        });
        request.on("error", reject);
      });
    const before = await getOn(keptAlive, "/api/health");
    expect(before.status).toBe(200);
    expect(before.connection).toBe("keep-alive");
    expect(firstRow?.lastUsedAgent, "the second use is held back (at most one write a minute)").toBe("first-use/1.0");

    // An upload whose body is still arriving when the signal comes.
    const { body, contentType } = multipart({ file: { fileName: "rolling.log", content: "2026-11-20T10:00:00Z 10.0.0.5 GET https://www.sendspace.com/upload 200 1234\n".repeat(50) }, source: "squid" });
    const upload = new Promise<{ status: number; text: string; connection: string | undefined }>((resolve, reject) => {
      const request = http.request(
        { host: "127.0.0.1", port, path: "/api/v1/discovery/upload/", method: "POST", agent: false, headers: { host: `localhost:${port}`, "user-agent": "upload-in-flight/1.0", authorization: `Token ${token.value}`, "content-type": contentType, "content-length": String(body.length) } },
        (response) => {
          let text = "";
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text, connection: response.headers.connection }));
        },
      );
      request.on("error", reject);
      request.write(body.subarray(0, 200));
      setTimeout(() => {
        instance.child.kill("SIGTERM");
        setTimeout(() => request.end(body.subarray(200)), 700);
      }, 700);
    });
    const answered = await upload;
    expect(answered.status, answered.text.slice(0, 300)).toBe(200);
    expect(answered.connection, "accepted before the signal, answered after it: the connection closes").toBe("close");

    // Within the grace: the health check fails, and a request on the connection kept alive from
    // before is served (not reset), closing the connection.
    const health = await getOn(false, "/api/health");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toMatchObject({ status: "draining" });
    expect(health.connection).toBe("close");
    const onKeptAlive = await getOn(keptAlive, "/api/v1/whoami/");
    expect(onKeptAlive.reused, "sent on the connection kept alive from before the signal").toBe(true);
    expect(onKeptAlive.status, onKeptAlive.text.slice(0, 300)).toBe(200);
    expect(onKeptAlive.connection).toBe("close");
    keptAlive.destroy();
    expect(await instance.exited).toBe(0);

    // Gone: a new connection is refused.
    await expect(callApi("/api/v1/whoami/", { token: token.value, port, timeoutMs: 5_000 })).rejects.toThrow();

    const row = await findTokenRow(token.id);
    // The latest use (the one served during the grace) was still held back: written before the exit.
    expect(row?.lastUsedAgent, "the pending last use was written before the exit").toBe("kept-alive/1.0");
    expect(row!.lastUsedAt!.getTime()).toBeGreaterThan(firstRow!.lastUsedAt!.getTime());
  } finally {
    await instance.stop("SIGKILL");
  }
});
