// How a service account is named where a person's email would stand: the audit trail's actor, a
// webhook's "revokedBy".

export function serviceAccountLabel(name: string): string {
  return `service-account:${name}`;
}
