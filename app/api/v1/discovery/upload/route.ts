import { withApiAuth } from "@/lib/api/with-api-auth";
import { readDiscoveryUpload } from "@/lib/api/discovery-upload-form";
import { uploadDiscoveryLog } from "@/lib/resources/discovery";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = withApiAuth(async (request, { principal }) => uploadDiscoveryLog(principal.actor, await readDiscoveryUpload(request)), { action: "discovery.manage" });
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
