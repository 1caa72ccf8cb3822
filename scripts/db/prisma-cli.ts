// Runs the project's Prisma CLI (never a global or downloaded one) and returns what it printed.
import { spawnSync } from "node:child_process";
import path from "node:path";

export type PrismaRun = { status: number; stdout: string; stderr: string };

export function runPrisma(args: string[], env: Record<string, string | undefined> = {}, root = process.cwd()): PrismaRun {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Like runPrisma, but throws with the CLI's own output when the exit code is not one of `ok`. */
export function prisma(args: string[], env: Record<string, string | undefined> = {}, ok: number[] = [0]): PrismaRun {
  const run = runPrisma(args, env);
  if (!ok.includes(run.status)) {
    throw new Error(`prisma ${args.join(" ")} exited with ${run.status}:\n${(run.stdout + run.stderr).trim()}`);
  }
  return run;
}
