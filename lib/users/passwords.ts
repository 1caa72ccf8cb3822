// Password hashing with bcrypt (bcryptjs: maintained, pure JavaScript, nothing to compile).
import bcrypt from "bcryptjs";

const COST = 11;
// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const DECOY_HASH = bcrypt.hashSync("keyport-decoy-password", COST);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? DECOY_HASH);
  return matches && hash != null;
}

