// Work that must finish before the process exits (pending last-use writes, outbox deliveries in
// flight), then the connections to close. Modules register here; the HTTP front runs the hooks once it
// has stopped taking requests and the requests in flight are answered, so a rolling restart loses
// nothing.
//
// Two phases: every ordinary hook (the work) runs first, all at once; the hooks registered with
// `{ last: true }` (closing the database pools, the cache-event listener) run after them, so the work
// still has its connections.
//
// Before any of that the instance drains (lib/server/http-front.ts): from SIGTERM on it is "draining",
// which its health check reports (503) so that a balancer stops sending to it.
import { processState, type Owned } from "@/lib/process-state";

type Hook = () => Promise<void> | void;

declare module "@/lib/process-state" {
  interface ProcessState {
    shutdownHooks: Owned<"lib/shutdown", Map<string, { hook: Hook; last: boolean }>>;
    drainState: Owned<"lib/shutdown", { draining: boolean }>;
  }
}

const hooks = processState("shutdownHooks", () => new Map<string, { hook: Hook; last: boolean }>());

/** Registers (or replaces, by name: a module evaluated in several bundles registers once) a hook. */
export function onShutdown(name: string, hook: Hook, options: { last?: boolean } = {}): void {
  hooks.set(name, { hook, last: options.last ?? false });
}

async function runPhase(last: boolean, timeoutMs: number): Promise<void> {
  await Promise.all(
    [...hooks.entries()]
      .filter(([, entry]) => entry.last === last)
      .map(async ([name, { hook }]) => {
        try {
          await Promise.race([hook(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
        } catch (error) {
          console.error(`keyport: shutdown step '${name}' failed`, error);
        }
      }),
  );
}

/** Runs every hook, each bounded in time; a failing hook is reported and the others still run. */
export async function runShutdownHooks(timeoutMs = 10_000): Promise<void> {
  await runPhase(false, timeoutMs);
  await runPhase(true, timeoutMs);
}

// The HTTP front sets the flag; the health check, in Next's bundles, reads it: process state.
const drain = processState("drainState", () => ({ draining: false }));

/** Whether the instance has been told to stop and is only finishing its work. */
export function isDraining(): boolean {
  return drain.draining;
}

export function startDraining(): void {
  drain.draining = true;
}
