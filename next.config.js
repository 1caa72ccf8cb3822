/** @type {import('next').NextConfig} */
const nextConfig = {
  // API paths answer with and without the trailing slash, never with a redirect.
  skipTrailingSlashRedirect: true,
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  experimental: {
    // forbidden(): pages a role may not see answer with a real 403 (app/forbidden.tsx).
    authInterrupts: true,
    // Next copies a request body into memory for proxy.ts: its matcher lets no request with a body
    // through, and were one to come, the copy is bounded to the front's 1 MiB (lib/http/body-limits.ts).
    proxyClientMaxBodySize: 1024 * 1024,
  },
  // Folders starting with a dot are not routes: the OpenID metadata lives in "well-known" folders.
  async rewrites() {
    return [
      { source: "/:tenantId/v2.0/.well-known/openid-configuration", destination: "/:tenantId/v2.0/well-known/openid-configuration" },
      { source: "/:tenantId/.well-known/openid-configuration", destination: "/:tenantId/well-known/openid-configuration" },
    ];
  },
  // A generated client lives in lib/db/generated; type errors there are not ours to fix.
  typescript: { ignoreBuildErrors: false },
};

module.exports = nextConfig;
