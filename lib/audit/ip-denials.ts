// Calls refused by a token's IP allowlist, in the audit log without letting a caller flood it: one
// entry per token per minute, with the number of refused calls and the client IPs seen. Counting
// happens in memory; the entry is written at the first refusal of a minute and brought up to date
// every few seconds while refusals go on. The entry's id is derived from the token and the minute, so
// every instance of a deployment adds to the same entry (an upsert), and there is still one per minute.
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { processState, type Owned } from "@/lib/process-state";
import { writeBehind, writeBehindState, type WriteBehindState } from "@/lib/write-behind";

const MINUTE_MS = 60_000;
export const DENIAL_FLUSH_INTERVAL_MS = 10_000;
const MAX_IPS = 20;

type Pending = { tenantId: string; tokenId: string; minute: number; count: number; ips: Set<string> };
type Refusal = { tenantId: string; tokenId: string; minute: number; ip: string };

type DenialState = {
  queue: WriteBehindState<Pending>;
  /** Token-minutes whose entry this process has started: later refusals in that minute wait for the timer. */
  started: Set<string>;
};

declare module "@/lib/process-state" {
  interface ProcessState {
    ipDenials: Owned<"lib/audit/ip-denials", DenialState>;
  }
}

const state = processState("ipDenials", () => ({ queue: writeBehindState<Pending>(), started: new Set<string>() }));

const denials = writeBehind<Refusal, Pending>(
  {
    delayMs: DENIAL_FLUSH_INTERVAL_MS,
    merge(pending, refusal) {
      const entry = pending ?? { tenantId: refusal.tenantId, tokenId: refusal.tokenId, minute: refusal.minute, count: 0, ips: new Set<string>() };
      entry.count++;
      if (entry.ips.size < MAX_IPS) entry.ips.add(refusal.ip);
      return entry;
    },
    async write(_key, entry) {
      forgetOldMinutes();
      try {
        await writeDenials(entry);
      } catch (error) {
        console.error("keyport: could not record refused calls in the audit log", error);
      }
    },
    // Two writes of one token-minute at once would both find no entry and race to create it.
    oneWriteAtATimePerKey: true,
    shutdownStep: "ipDenials",
  },
  state.queue,
);

function forgetOldMinutes(): void {
  const current = Math.floor(Date.now() / MINUTE_MS);
  for (const key of state.started) if (Number(key.slice(key.lastIndexOf(":") + 1)) < current - 1) state.started.delete(key);
}

/** The id of the one entry of a token's refusals in a minute, the same on every instance. */
export function denialEntryId(tokenId: string, minute: number): string {
  const hex = createHash("sha256").update(`ip-denied:${tokenId}:${minute}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Counts one call of `tokenId` refused because `ip` is outside its allowlist. Returns at once: the
 * database write happens off the request's path.
 */
export function recordThrottledDenial(tenantId: string, tokenId: string, ip: string, now = Date.now()): void {
  const minute = Math.floor(now / MINUTE_MS);
  const key = `${tokenId}:${minute}`;
  // The first refusal of a minute is written at once, so the entry shows while an attack goes on.
  const first = !state.started.has(key);
  state.started.add(key);
  denials.add(key, { tenantId, tokenId, minute, ip }, { now: first });
}

/** Writes every count not yet written, and waits for the writes in flight. */
export async function flushDenials(): Promise<void> {
  await denials.flush();
}

function ipsOf(details: string): string[] {
  try {
    const parsed = JSON.parse(details) as { ips?: unknown };
    return Array.isArray(parsed.ips) ? parsed.ips.filter((ip): ip is string => typeof ip === "string") : [];
  } catch {
    return [];
  }
}

async function writeDenials(entry: Pending): Promise<void> {
  const id = denialEntryId(entry.tokenId, entry.minute);
  const where = { id, tenantId: entry.tenantId };
  const existing = await db.auditEvent.findFirst({ where, select: { details: true } });
  if (existing) {
    const ips = [...new Set([...ipsOf(existing.details), ...entry.ips])].slice(0, MAX_IPS);
    const details = { ...(JSON.parse(existing.details) as Record<string, unknown>), ips };
    await db.auditEvent.updateMany({ where, data: { occurrences: { increment: entry.count }, details: JSON.stringify(details) } });
    return;
  }
  const token = await db.apiToken.findFirst({ where: { id: entry.tokenId, tenantId: entry.tenantId }, select: { name: true, kind: true, userId: true } });
  const minuteStart = new Date(entry.minute * MINUTE_MS);
  try {
    await db.auditEvent.create({
      data: {
        id,
        tenantId: entry.tenantId,
        actorUserId: null,
        action: "token.ipDenied",
        targetType: token?.kind ?? "API_TOKEN",
        targetId: entry.tokenId,
        targetLabel: token?.name ?? null,
        occurrences: entry.count,
        details: JSON.stringify({ name: token?.name, ips: [...entry.ips], minute: minuteStart.toISOString(), ...(token ? { issuerId: token.userId } : {}) }),
        createdAt: minuteStart,
      },
    });
  } catch (error) {
    // Another instance wrote the minute's entry between the look-up and the insert: add to it.
    if ((error as { code?: unknown } | null)?.code !== "P2002") throw error;
    await db.auditEvent.updateMany({ where, data: { occurrences: { increment: entry.count } } });
  }
}
