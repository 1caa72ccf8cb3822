// What clients may send about Cloud Discovery: the format of a block script. (A log upload is a
// multipart form, read by lib/api/discovery-upload-form.ts.)
import { z } from "zod";

export const BLOCK_SCRIPT_FORMATS = {
  plain: "A list of domains, one per line",
  iptables: "iptables rules that reject traffic naming each domain (string match on the SNI/Host)",
  squid: "A Squid ACL that denies each domain",
} as const;
export type BlockScriptFormat = keyof typeof BLOCK_SCRIPT_FORMATS;

const formatNames = Object.keys(BLOCK_SCRIPT_FORMATS) as [BlockScriptFormat, ...BlockScriptFormat[]];

/** GET /api/v1/discovery/block_script/?format=… */
export const blockScriptQuery = z.object({
  format: z.enum(formatNames, {
    error: `one of: ${Object.entries(BLOCK_SCRIPT_FORMATS)
      .map(([name, what]) => `${name} (${what})`)
      .join("; ")}`,
  }),
});
