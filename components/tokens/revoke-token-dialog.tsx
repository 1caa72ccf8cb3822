"use client";
import { revokeApiTokenAction } from "@/lib/actions/api-tokens";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";

export function RevokeTokenDialog({ token, onClose, onRevoked }: { token: { id: string; name: string } | null; onClose: () => void; onRevoked?: () => void }) {
  const { pending, run } = useAction();

  function revoke() {
    if (!token) return;
    run(() => revokeApiTokenAction({ tokenId: token.id }), {
      success: (revoked) => `Token "${revoked.name}" revoked.`,
      onSuccess: () => onRevoked?.(),
      onSettled: onClose,
    });
  }

  return (
    <Dialog
      open={token !== null}
      onClose={onClose}
      title="Revoke token?"
      description={
        <>
          Every script or tool that uses <strong>{token?.name}</strong> will be refused from now on. This cannot be undone.
        </>
      }
    >
      <DialogActions onCancel={onClose} onConfirm={revoke} variant="danger" label="Revoke" pendingLabel="Revoking…" pending={pending} />
    </Dialog>
  );
}
