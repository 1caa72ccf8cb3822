// A wide table scrolls sideways inside this box instead of the page. The box is a named region that
// takes keyboard focus, so people who cannot use a mouse or a touch screen can scroll it with the
// arrow keys (and screen readers announce what it holds).
export function ScrollRegion({ label, children, className = "", ref }: { label: string; children: React.ReactNode; className?: string; ref?: React.Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} role="region" aria-label={label} tabIndex={0} data-scroll-region="" className={`relative overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
