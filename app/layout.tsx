import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { HydrationMarker } from "@/components/ui/hydration-marker";
import { ToastProvider } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keyport", template: "%s · Keyport" },
  description: "API tokens and app-context access for your tenant",
  icons: { icon: [{ url: "/favicon.svg", type: "image/svg+xml" }, { url: "/favicon.ico", sizes: "32x32 48x48" }] },
};

// The browser's own parts (scroll bars, form controls, the address bar) follow the system theme too.
export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#111a2b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, never prerendered: Next can only put the request's CSP nonce
  // (proxy.ts) on the scripts of a page it renders for that request.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <ToastProvider>{children}</ToastProvider>
        <HydrationMarker />
      </body>
    </html>
  );
}
