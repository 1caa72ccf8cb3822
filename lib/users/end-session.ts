// Signing out ends the session on the server, not only in the browser: the session's id is recorded
// as revoked, and the session guard (get-session-user.ts) refuses a cookie carrying it, on every
// instance, because the record is in the database. The row is kept until the cookie would have
// expired by itself.
import { db } from "@/lib/db/client";

export async function endSession(session: { sid: string; userId: string; expiresAt: Date }, now = new Date()): Promise<void> {
  await db.revokedSession.upsert({
    where: { sid: session.sid },
    create: { sid: session.sid, userId: session.userId, revokedAt: now, expiresAt: session.expiresAt },
    update: {},
  });
  // Sessions that have expired by now need no record any more.
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
}
