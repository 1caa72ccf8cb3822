// An idle keep-alive connection stays open longer than a balancer's own idle timeout (nginx keeps its
// upstream connections 60 s): were Keyport to close it first, a request the balancer sends on it just
// then would be lost. Checked against the configured bound, not timed: after 6 s idle (past Node's
// default of 5 s) the connection still serves a request.
import net from "node:net";
import { EDGE_PORT, expect, test } from "../support/fixtures";

function request(socket: net.Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString("latin1");
      const headEnd = text.indexOf("\r\n\r\n");
      const length = /\r\ncontent-length: *(\d+)/i.exec(text)?.[1];
      if (headEnd >= 0 && length !== undefined && text.length >= headEnd + 4 + Number(length)) {
        socket.off("data", onData);
        resolve(text);
      }
    };
    socket.on("data", onData);
    socket.once("error", reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost:${EDGE_PORT}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

test("an idle keep-alive connection outlasts a balancer's idle timeout: still open after 6 s, and it serves", async () => {
  test.setTimeout(30_000);
  const socket = net.connect(Number(EDGE_PORT), "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  let closed = false;
  socket.on("close", () => (closed = true));
  try {
    const first = await request(socket, "/api/health");
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    // What the server tells the client about how long it keeps the connection: 75 s by default.
    expect(first).toMatch(/\r\nkeep-alive: timeout=75\r\n/i);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(closed, "the idle connection is still open after 6 s").toBe(false);
    const second = await request(socket, "/api/health");
    expect(second).toMatch(/^HTTP\/1\.1 200/);
  } finally {
    socket.destroy();
  }
});
