import type { Metadata } from "next";
import { IntegrationsPage } from "@/components/integrations/integrations-page";

export const metadata: Metadata = { title: "Log collectors" };

export default function LogCollectorsPage() {
  return <IntegrationsPage kind="LOG_COLLECTOR" />;
}
