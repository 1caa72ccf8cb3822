// Runs once when a server process starts, and Next waits for it before serving: under `next dev`,
// `next start` and Keyport's own HTTP front (`npm start`, `npm run dev`) alike, never during the build.
// The whole boot is lib/server/boot.ts; it runs in the Node.js runtime only.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServerProcess } = await import("@/lib/server/boot");
  await bootServerProcess();
}
