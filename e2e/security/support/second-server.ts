// A second Keyport server on the same build and database, started with settings the main e2e server
// must not have (a trusted proxy, a low failed-authentication limit), so a spec can check them over
// HTTP without changing what every other spec sees. Stopped (SIGTERM to its process group) after use.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export type SecondServer = { port: number; stop: () => Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startSecondServer(env: Record<string, string>): Promise<SecondServer> {
  const port = await freePort();
  const root = path.resolve(__dirname, "../../..");
  const child: ChildProcess = spawn("npx", ["tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${port}`, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the second server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (data: Buffer) => {
      output += data.toString("utf8");
      if (output.includes("Keyport is ready")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the second server exited with ${code}:\n${output}`));
    });
  });
  return {
    port,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    },
  };
}
