// An idle keep-alive connection stays open longer than a balancer's own idle timeout (nginx keeps its
// upstream connections 60 s): were Keyport to close it first, a request the balancer sends on it just
// then would be lost. Checked against the configured bound, not timed: after 6 s idle (past Node's
// default of 5 s) the connection is still open and serves the next request.
import http from "node:http";
import type { Socket } from "node:net";
import { EDGE_PORT, expect, test } from "../support/fixtures";

function get(agent: http.Agent, path: string): Promise<{ status: number; keepAlive: string; reused: boolean; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port: Number(EDGE_PORT), path, agent, headers: { host: `localhost:${EDGE_PORT}` } }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, keepAlive: String(response.headers["keep-alive"]), reused: request.reusedSocket, socket: request.socket as Socket }));
    });
    request.on("error", reject);
  });
}

test("an idle keep-alive connection outlasts a balancer's idle timeout: still open after 6 s, and it serves", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await get(agent, "/signin");
    expect(first.status).toBe(200);
    // What the server tells the client about how long it keeps the connection: 75 s by default.
    expect(first.keepAlive).toBe("timeout=75");
    let closed = false;
    first.socket.once("close", () => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(closed, "the idle connection is still open after 6 s").toBe(false);
    const second = await get(agent, "/signin");
    expect(second.reused, "the second request went on the same connection").toBe(true);
    expect(second.status).toBe(200);
  } finally {
    agent.destroy();
  }
});
