import { Breadcrumbs, type Crumb } from "@/components/portal/breadcrumbs";
import { settingsHrefOf } from "@/components/portal/settings-links";

/** The breadcrumb trail of a settings page (for a page whose heading is laid out on its own). */
export function SettingsBreadcrumbs({ section }: { section: string }) {
  const crumbs: Crumb[] = [{ label: "Settings", href: "/settings" }, ...section.split(" › ").map((label) => ({ label, href: settingsHrefOf(label) }))];
  return <Breadcrumbs items={crumbs} />;
}

/**
 * A settings page's heading: the breadcrumb trail (Settings › its section › any page above it, the
 * pages as links), the title, and an introduction. `section` may name several levels with " › ";
 * a level that is a settings page becomes a link to it.
 */
export function PageHeading({ section, title, id, children }: { section: string; title: string; id?: string; children?: React.ReactNode }) {
  return (
    <div>
      <SettingsBreadcrumbs section={section} />
      <h1 id={id} className="mt-1 text-2xl font-semibold break-words">
        {title}
      </h1>
      {children ? <div className="mt-1 max-w-2xl text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}
