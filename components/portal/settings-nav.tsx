// The settings menu, decided on the server: the links the signed-in user's role may open.
import { SettingsNavMenu } from "@/components/portal/settings-nav-menu";
import { settingsSectionsFor } from "@/components/portal/settings-links";
import type { Role } from "@/lib/permissions";

export function SettingsNav({ role }: { role: Role }) {
  return <SettingsNavMenu sections={settingsSectionsFor(role)} />;
}
