// Jobs that run on a schedule for the whole deployment, not once per instance: each job is a row, and
// the instance whose conditional UPDATE takes the row's lease runs the job, then sets when it is due
// again. The UPDATE re-checks "due and not leased" in its own WHERE, so of several instances asking at
// once exactly one gets the row (on PostgreSQL the row lock makes the others re-check and match
// nothing; SQLite runs one write at a time). A lease that runs out frees the job of a crashed instance.
import { db } from "@/lib/db/client";

/** Makes sure the job's row exists (every instance may ask; the first creates it). */
export async function ensureJob(name: string): Promise<void> {
  try {
    await db.schedulerJob.create({ data: { name, nextRunAt: new Date(0) } });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== "P2002") throw error;
  }
}

/** Takes the job's lease when it is due and free; true when this caller should run it now. */
export async function claimJob(name: string, input: { now: Date; leaseMs: number; holder: string }): Promise<boolean> {
  const claimed = await db.schedulerJob.updateMany({
    where: { name, nextRunAt: { lte: input.now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: input.now } }] },
    data: { lockedUntil: new Date(input.now.getTime() + input.leaseMs), lockedBy: input.holder },
  });
  return claimed.count === 1;
}

/** Gives the lease back and sets when the job is due again. */
export async function completeJob(name: string, input: { holder: string; nextRunAt: Date }): Promise<void> {
  await db.schedulerJob.updateMany({ where: { name, lockedBy: input.holder }, data: { lockedUntil: null, lockedBy: null, nextRunAt: input.nextRunAt } });
}
