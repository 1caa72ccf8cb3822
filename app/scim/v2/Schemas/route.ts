import { withScimAuth } from "@/lib/scim/with-scim-auth";
import { schemas } from "@/lib/scim/discovery";

export const GET = withScimAuth(() => schemas());
