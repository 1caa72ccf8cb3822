// Keyport instances started by the tests themselves, the way every instance of a deployment starts
// (`npm start`: scripts/start.ts on a built checkout), with their output in a log file.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");

export type Instance = {
  port: number;
  log: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Sends `signal` (default SIGTERM) and waits for the exit (killed after `timeoutMs`). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
};

/** GETs `url`; resolves with the status, or 0 when nothing answers. */
export function probe(url: string, timeoutMs = 2_000): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(0));
  });
}

/** Runs a TypeScript script of the repository (through tsx) to completion with `env`. */
export function runScript(script: string, env: Record<string, string>, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, script, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${script} exited with ${code}:\n${output}`))));
  });
}

/**
 * Starts `node --import tsx scripts/start.ts` (what `npm start` runs) on `port` with `env` and waits
 * until its sign-in page answers. One process, so a signal sent to it reaches Keyport's own handler.
 */
export async function startInstance(options: { port: number; env: Record<string, string>; log: string; readyTimeoutMs?: number }): Promise<Instance> {
  fs.mkdirSync(path.dirname(options.log), { recursive: true });
  const out = fs.openSync(options.log, "a");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while ((await probe(`http://127.0.0.1:${options.port}/signin`)) !== 200) {
    if (gone) throw new Error(`The instance on port ${options.port} exited while starting; see ${options.log}:\n${fs.readFileSync(options.log, "utf8").slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The instance on port ${options.port} did not answer in time; see ${options.log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    port: options.port,
    log: options.log,
    child,
    exited,
    async stop(signal = "SIGTERM", timeoutMs = 30_000) {
      if (gone) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
