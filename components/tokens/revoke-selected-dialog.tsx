"use client";
// "Revoke selected": the chosen tokens of this page, all of them or none, after a confirmation that
// names them. Cancelled, the focus goes back to the button; done, the button has nothing left to
// revoke, so the focus goes to `afterRevoke` (the table).
import { useRef } from "react";
import { Dialog, DialogActions, resolveTarget, type FocusTarget } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { revokeApiTokensAction } from "@/lib/actions/api-tokens";

export function RevokeSelectedDialog({
  open,
  tokens,
  onClose,
  onRevoked,
  afterRevoke,
}: {
  open: boolean;
  tokens: { id: string; name: string }[];
  onClose: () => void;
  onRevoked: () => void;
  afterRevoke: FocusTarget;
}) {
  const { pending, run } = useAction();
  const revoked = useRef(false);

  function revoke() {
    run(() => revokeApiTokensAction({ tokenIds: tokens.map((token) => token.id) }), {
      success: ({ count }) => (count === 1 ? "1 token revoked." : `${count} tokens revoked.`),
      onSuccess: () => {
        revoked.current = true;
      },
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
      returnFocus={() => {
        const target = revoked.current ? resolveTarget(afterRevoke) : null;
        revoked.current = false;
        return target;
      }}
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
