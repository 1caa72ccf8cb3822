"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False during the server render and hydration, true once event handlers are attached. */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
