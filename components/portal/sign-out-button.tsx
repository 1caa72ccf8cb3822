"use client";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

/** Ends the session on the server, then opens `callbackUrl` (the sign-in page unless told otherwise). */
export function SignOutButton({ callbackUrl = "/signin", label = "Sign out" }: { callbackUrl?: string; label?: string }) {
  return (
    <Button variant="secondary" className="min-h-11 lg:min-h-0" onClick={() => signOut({ callbackUrl })}>
      {label}
    </Button>
  );
}
