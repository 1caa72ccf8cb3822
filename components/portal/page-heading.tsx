export function PageHeading({ section, title, children }: { section: string; title: string; children?: React.ReactNode }) {
  return (
    <div>
      <p className="text-sm text-slate-500">Settings › {section}</p>
      <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
      {children ? <div className="mt-1 max-w-2xl text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}

export function NotAllowed({ what }: { what: string }) {
  return (
    <div role="alert" className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900">
      <p className="font-medium">You don&apos;t have access to {what}.</p>
      <p className="mt-1 text-sm">Only a Global administrator of this tenant can manage {what}. Ask one if you need a change here.</p>
    </div>
  );
}
