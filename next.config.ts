import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its .wasm/.data files relative to its own package at run time: keep it unbundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree once with tsc; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
