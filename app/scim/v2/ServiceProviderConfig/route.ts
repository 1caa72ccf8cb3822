import { withScimAuth } from "@/lib/scim/with-scim-auth";
import { serviceProviderConfig } from "@/lib/scim/discovery";

export const GET = withScimAuth(() => serviceProviderConfig());
