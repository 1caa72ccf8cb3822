import { notFound } from "next/navigation";

// Any /settings/… address no page answers: the settings "not found" page, inside the portal's header
// and menu (the root one would show neither).
export default function MissingSettingsPage() {
  notFound();
}
