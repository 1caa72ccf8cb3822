"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { revokeApiTokenAction } from "@/lib/actions/api-tokens";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

export function RevokeTokenDialog({ token, onClose, onRevoked }: { token: { id: string; name: string } | null; onClose: () => void; onRevoked?: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();

  function revoke() {
    if (!token) return;
    startTransition(async () => {
      const result = await revokeApiTokenAction({ tokenId: token.id });
      if (result.ok) toast.success(`Token "${result.value.name}" revoked.`);
      else toast.error(result.error);
      onClose();
      if (result.ok && onRevoked) onRevoked();
      else router.refresh();
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
