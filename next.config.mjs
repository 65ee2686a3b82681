// @ts-check
/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its .wasm/.data files relative to its own package at run time: keep it unbundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
  poweredByHeader: false,
  // forbidden() (lib/auth/session.ts): a refused page answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
  // `npm test` type-checks the whole tree once with tsc; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
