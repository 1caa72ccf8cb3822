import type { Metadata } from "next";
import { IntegrationsPage } from "@/components/integrations/integrations-page";

export const metadata: Metadata = { title: "SIEM agents" };

export default function SiemAgentsPage() {
  return <IntegrationsPage kind="SIEM_AGENT" />;
}
