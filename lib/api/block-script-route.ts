// GET /api/v1/discovery/block_script/?format=…: the tenant's block script as a plain-text file.
import { withApiAuth } from "@/lib/api/with-api-auth";
import { readQuery } from "@/lib/api/request-query";
import { blockScript } from "@/lib/resources/discovery";
import { blockScriptQuery } from "@/lib/resources/schemas/discovery";

export const blockScriptRoute = withApiAuth(
  async (request, { principal }) => {
    const { format } = readQuery(request, blockScriptQuery, "Choose a block script format.");
    const script = await blockScript(principal.tenant.id, format);
    return new Response(script, { headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `inline; filename="keyport-block-${format}.txt"` } });
  },
  { action: "discovery.manage" },
);
