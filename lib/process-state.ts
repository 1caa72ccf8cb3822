// State that must be one per server process. Next bundles route handlers, pages and server actions
// separately, so a plain module-level variable exists once per bundle: a revoke in a server action
// would not reach the cache of the API's route handler. Keeping it on globalThis makes it one.
export function processState<T>(key: string, create: () => T): T {
  const store = globalThis as unknown as Record<string, T | undefined>;
  const name = `__keyport_${key}`;
  return (store[name] ??= create());
}
