import { withApiAuth } from "@/lib/api/with-api-auth";
import { AppError } from "@/lib/errors";
import { blockScript, BLOCK_SCRIPT_FORMATS, type BlockScriptFormat } from "@/lib/resources/discovery";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = withApiAuth(
  async (request, { principal }) => {
    const format = new URL(request.url).searchParams.get("format") ?? "";
    if (!Object.hasOwn(BLOCK_SCRIPT_FORMATS, format)) {
      throw new AppError("invalid_request", "Choose a block script format.", {
        details: { format: [`one of: ${Object.entries(BLOCK_SCRIPT_FORMATS).map(([name, what]) => `${name} (${what})`).join("; ")}`] },
      });
    }
    const script = await blockScript(principal.tenant.id, format as BlockScriptFormat);
    return new Response(script, { headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `inline; filename="keyport-block-${format}.txt"` } });
  },
  { action: "discovery.manage" },
);
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
