export function PageHeading({ section, title, children }: { section: string; title: string; children?: React.ReactNode }) {
  return (
    <div>
      <p className="text-sm text-slate-500">Settings › {section}</p>
      <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
      {children ? <div className="mt-1 max-w-2xl text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}
