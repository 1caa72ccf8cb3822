// The few line icons the portal uses, drawn at the text's size and colour. Decorative: the control
// that holds one carries the accessible name.
type IconProps = { className?: string };

function Icon({ className = "h-4 w-4", children }: IconProps & { children: React.ReactNode }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" className={className}>
      {children}
    </svg>
  );
}

export const ChevronDownIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M5 8l5 5 5-5" />
  </Icon>
);

export const MenuIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M3 5h14M3 10h14M3 15h14" />
  </Icon>
);

export const UserIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="10" cy="7" r="3.2" />
    <path d="M3.5 17c.8-3.2 3.4-5 6.5-5s5.7 1.8 6.5 5" />
  </Icon>
);

export const RoleIcon = (props: IconProps) => (
  <Icon {...props}>
    <path d="M10 2.5l6 2.3v4.6c0 3.8-2.6 6.7-6 8.1-3.4-1.4-6-4.3-6-8.1V4.8z" />
    <path d="M7.5 10l1.8 1.8 3.3-3.6" />
  </Icon>
);

export const KeyIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="6.5" cy="13.5" r="3.5" />
    <path d="M9 11l7.5-7.5M14 6l2 2M12 8l1.5 1.5" />
  </Icon>
);

export const KeyOffIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="6.5" cy="13.5" r="3.5" />
    <path d="M9 11l7.5-7.5M14 6l2 2M3 3l14 14" />
  </Icon>
);

export const UserMinusIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="7" r="3" />
    <path d="M2.5 17c.7-3 3-4.8 5.5-4.8s4.8 1.8 5.5 4.8M13.5 8.5h5" />
  </Icon>
);

export const UserPlusIcon = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="7" r="3" />
    <path d="M2.5 17c.7-3 3-4.8 5.5-4.8s4.8 1.8 5.5 4.8M16 6v5M13.5 8.5h5" />
  </Icon>
);

/** Keyport's key, in the colour of the text around it (so it follows the dark theme too). */
export const UnlockIcon = (props: IconProps) => (
  <Icon {...props}>
    <rect x="4" y="9" width="12" height="8.5" rx="1.5" />
    <path d="M7 9V6.5a3 3 0 0 1 5.8-1.1" />
  </Icon>
);

export const LogoMark = ({ className = "h-5 w-5" }: IconProps) => (
  <svg aria-hidden="true" focusable="false" viewBox="0 0 32 32" fill="currentColor" className={className}>
    <path fillRule="evenodd" d="M3 16a7 7 0 1 0 14 0a7 7 0 1 0 -14 0Z M7.5 16a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0Z" />
    <path d="M16.5 14.25H29.5V17.75H28.5V22.5H25V17.75H23.5V21H20.5V17.75H16.5Z" />
  </svg>
);
