// Schemas shared by every domain. Each domain keeps its own request schemas beside it
// (lib/<domain>/schemas.ts); only the primitives they all use live here.
import { z } from "zod";

/** Keyport's own row ids (users, tokens, apps, secrets): random UUIDs. */
export const uuidSchema = z.string().uuid();
