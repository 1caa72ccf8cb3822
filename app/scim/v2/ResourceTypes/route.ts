import { withScimAuth } from "@/lib/scim/with-scim-auth";
import { resourceTypes } from "@/lib/scim/discovery";

export const GET = withScimAuth(() => resourceTypes());
