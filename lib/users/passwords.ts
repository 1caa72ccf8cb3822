// Password hashing with bcrypt, computed off the event loop: @node-rs/bcrypt is a native binding that
// runs each hash and comparison on libuv's thread pool (its prebuilt Linux, macOS and Windows binaries
// ship inside the npm package, nothing is compiled or downloaded). A pure-JavaScript bcrypt costs the
// event loop ~100 ms per sign-in attempt, so a flood of attempts would stall every API call of the
// process. Hashes are standard $2a$/$2b$ strings: those written by the earlier bcryptjs keep verifying.
import { hash, verify } from "@node-rs/bcrypt";

const COST = 11;

// Compared against when there is no account to check (an unknown email), so that answer takes as long
// as a wrong password. A fixed hash of a random value at the same cost: no hashing at start-up.
const DECOY_HASH = "$2b$11$39XZOP4yUy4lygYRc5znh.OMTP/vsexhM2VeyoGnl9OXhEE68y8cu";

export function hashPassword(password: string): Promise<string> {
  return hash(password, COST);
}

export async function verifyPassword(password: string, passwordHash: string | null | undefined): Promise<boolean> {
  try {
    const matches = await verify(password, passwordHash ?? DECOY_HASH);
    return matches && passwordHash != null;
  } catch {
    // Not a bcrypt hash at all (a corrupted row): it matches nothing.
    return false;
  }
}
