// What the API tokens page accepts: a token's name, the table's state in the URL, and the inputs of
// its server actions.
import { z } from "zod";
import { TOKEN_STATUSES } from "@/lib/tokens/token-status";
import { uuidSchema } from "@/lib/validation/common";

export const TOKEN_NAME_MAX = 100;

export const tokenNameSchema = z
  .string({ error: "Enter a name for the token." })
  .trim()
  .min(1, "Enter a name for the token.")
  .max(TOKEN_NAME_MAX, `The name can be at most ${TOKEN_NAME_MAX} characters.`);

export const TOKEN_SORT_FIELDS = ["name", "generatedBy", "createdAt", "lastUsedAt"] as const;
export type TokenSortField = (typeof TOKEN_SORT_FIELDS)[number];

export const TOKEN_PAGE_SIZE = 25;

/** The token table's state as it stands in the page URL. Anything unreadable falls back to the default. */
export const tokenTableQuerySchema = z.object({
  status: z.enum(["All", ...TOKEN_STATUSES]).catch("All"),
  q: z.string().trim().max(TOKEN_NAME_MAX).catch(""),
  sort: z.enum(TOKEN_SORT_FIELDS).catch("createdAt"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TokenTableQuery = z.infer<typeof tokenTableQuerySchema>;

export const generateApiTokenSchema = z.object({ name: tokenNameSchema });

export const revokeApiTokenSchema = z.object({ tokenId: uuidSchema });
