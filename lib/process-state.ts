// State that must be one per server process: the database client, caches, rate-limit buckets, the
// session secret. Next bundles route handlers, pages and server actions separately, so a module is
// evaluated once per bundle and a plain module-level variable exists once per bundle: a revoke in a
// server action would not reach the cache of the API's route handler. processState keeps each piece
// on globalThis, under its name, so every bundle finds the same object.
//
// Because the name is what bundles share, every name is declared, with its type and the one module
// that owns it, by augmenting ProcessState beside the state it keeps:
//
//   declare module "@/lib/process-state" {
//     interface ProcessState {
//       rateLimitBuckets: Owned<"lib/rate-limit/api-limit", Map<string, Bucket>>;
//     }
//   }
//   const buckets = processState("rateLimitBuckets", () => new Map<string, Bucket>());
//
// TypeScript requires every declaration of one property to have the same type, and the owner is part
// of it: a second module declaring a name that is taken does not compile, and processState accepts no
// undeclared name. (The declarations live with their owners, not here, so that this module, which
// everything imports, imports nothing back.) `grep -rn "interface ProcessState" lib` lists them all.

/** Every piece of process state, by name. Empty here: each owning module adds its entry (see above). */
export interface ProcessState {}

/** The declared type of one entry: the module that owns the state (its path without extension) and the state's type. */
export type Owned<Owner extends string, State> = { owner: Owner; state: State };

export type ProcessStateName = keyof ProcessState;

/** The type of the state kept under `name`. */
export type ProcessStateOf<Name extends ProcessStateName> = ProcessState[Name] extends Owned<string, infer State> ? State : never;

/** The names whose state is exactly of type State (for helpers such as processCache that build the state themselves). */
export type ProcessStateNameFor<State> = {
  [Name in ProcessStateName]: [ProcessStateOf<Name>] extends [State] ? ([State] extends [ProcessStateOf<Name>] ? Name : never) : never;
}[ProcessStateName];

const REGISTRY = Symbol.for("keyport.processState");

function registry(): Map<string, unknown> {
  const holder = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, unknown> };
  return (holder[REGISTRY] ??= new Map());
}

/** The process's state named `name`, created by `create` the first time any bundle asks for it. */
export function processState<Name extends ProcessStateName>(name: Name, create: () => ProcessStateOf<Name>): ProcessStateOf<Name> {
  const states = registry();
  if (!states.has(name)) states.set(name, create());
  return states.get(name) as ProcessStateOf<Name>;
}
