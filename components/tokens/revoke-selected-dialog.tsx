"use client";
// "Revoke selected": the chosen tokens of this page, all of them or none, after a confirmation that
// names them.
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { revokeApiTokensAction } from "@/lib/actions/api-tokens";

export function RevokeSelectedDialog({ open, tokens, onClose, onRevoked }: { open: boolean; tokens: { id: string; name: string }[]; onClose: () => void; onRevoked: () => void }) {
  const { pending, run } = useAction();

  function revoke() {
    run(() => revokeApiTokensAction({ tokenIds: tokens.map((token) => token.id) }), {
      success: ({ count }) => (count === 1 ? "1 token revoked." : `${count} tokens revoked.`),
      onSettled: () => {
        onClose();
        onRevoked();
      },
    });
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={tokens.length === 1 ? "Revoke 1 token?" : `Revoke ${tokens.length} tokens?`}
      description={
        <>
          Every script or tool that uses {tokens.length === 1 ? "it" : "them"} will be refused from now on. This cannot be undone.
          <ul className="mt-2 list-disc pl-5">
            {tokens.slice(0, 10).map((token) => (
              <li key={token.id}>{token.name}</li>
            ))}
            {tokens.length > 10 ? <li>and {tokens.length - 10} more</li> : null}
          </ul>
        </>
      }
    >
      <DialogActions onCancel={onClose} onConfirm={revoke} variant="danger" label="Revoke" pendingLabel="Revoking…" pending={pending} />
    </Dialog>
  );
}
