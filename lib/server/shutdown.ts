// Work that must finish before the process exits (pending last-use writes, outbox deliveries in
// flight). Modules register here; the HTTP front runs the hooks once it has stopped taking requests and
// the requests in flight are answered, so a rolling restart loses nothing.
import { processState, type Owned } from "@/lib/process-state";

type Hook = () => Promise<void> | void;

declare module "@/lib/process-state" {
  interface ProcessState {
    shutdownHooks: Owned<"lib/server/shutdown", Map<string, Hook>>;
  }
}

const hooks = processState("shutdownHooks", () => new Map<string, Hook>());

/** Registers (or replaces, by name: a module evaluated in several bundles registers once) a hook. */
export function onShutdown(name: string, hook: Hook): void {
  hooks.set(name, hook);
}

/** Runs every hook, each bounded in time; a failing hook is reported and the others still run. */
export async function runShutdownHooks(timeoutMs = 10_000): Promise<void> {
  await Promise.all(
    [...hooks.entries()].map(async ([name, hook]) => {
      try {
        await Promise.race([hook(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
      } catch (error) {
        console.error(`keyport: shutdown step '${name}' failed`, error);
      }
    }),
  );
}
