import path from "node:path";
import { defineConfig } from "prisma/config";

// The native schema engine cannot be downloaded on our machines: the CLI is pointed at a
// stand-in that runs Prisma's own WebAssembly schema engine (docs/decisions/0001).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "prisma", "engine", "schema-engine-wasm.mjs");

// The CLI only ever talks to PostgreSQL (PGlite is migrated in-process by lib/platform/db).
const url = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "postgresql://postgres@127.0.0.1:5432/advenir_dev";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url },
});
