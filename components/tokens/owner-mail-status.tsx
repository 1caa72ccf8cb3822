/** Whether token owners are emailed (expiry ahead, leak revocation), and through what; said either way. */
export function OwnerMailStatus({ mail }: { mail: { from: string; host: string } | null }) {
  return (
    <section aria-labelledby="owner-mail" className="mt-8">
      <h2 id="owner-mail" className="font-semibold">
        Emails to token owners
      </h2>
      {mail ? (
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Owners get an email 7 days and 1 day before a token of theirs expires, and when one is reported leaked and revoked. Sent from{" "}
          <span className="font-medium">{mail.from}</span> through <span className="font-medium">{mail.host}</span>.
        </p>
      ) : (
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Keyport sends no email: no mail server is set. With <code>KEYPORT_SMTP_URL</code> set, owners get an email 7 days and 1 day before a
          token of theirs expires, and when one is reported leaked and revoked.
        </p>
      )}
    </section>
  );
}
