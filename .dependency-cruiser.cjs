// The layers of the house (docs/architecture.md, docs/decisions/0015-one-house-three-doors.md),
// checked in `npm run lint` by dependency-cruiser. From the bottom up:
//   lib/platform  →  lib/schemas  →  lib/<domain>  →  lib/channels/<door>  →  app, components, cli
// A module may import its own layer and the layers below it, never above; a door never imports
// another door; components never touch the database. Tests and test support are outside the
// layers (they may drive anything), but production code never imports them.
const TEST = "(^tests/|\\.test\\.tsx?$)";
const DOMAIN = "^lib/(?!platform/|schemas/|channels/)[^/]+/";

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-cycle", severity: "error", comment: "No import cycle anywhere.", from: {}, to: { circular: true } },
    {
      name: "lib-below-app",
      severity: "error",
      comment: "lib/ decides; app/, components/ and cli/ compose it: lib never imports them.",
      from: { path: "^lib/", pathNot: TEST },
      to: { path: "^(app|components|cli|e2e|bench)/" },
    },
    {
      name: "production-without-tests",
      severity: "error",
      comment: "Production code never imports test support or tests.",
      from: { pathNot: `${TEST}|^(e2e|bench)/` },
      to: { path: TEST },
    },
    {
      name: "platform-at-the-bottom",
      severity: "error",
      comment: "lib/platform knows no domain, schema or door.",
      from: { path: "^lib/platform/", pathNot: TEST },
      to: { path: "^lib/(?!platform/)" },
    },
    {
      name: "schemas-describe-only",
      severity: "error",
      comment: "lib/schemas describes inputs: it imports the platform and other schemas, never a domain or a door.",
      from: { path: "^lib/schemas/", pathNot: TEST },
      to: { path: "^lib/(?!platform/|schemas/)" },
    },
    {
      name: "domains-below-doors",
      severity: "error",
      comment: "Domains are the core the doors write into: a domain never imports a door.",
      from: { path: DOMAIN, pathNot: TEST },
      to: { path: "^lib/channels/" },
    },
    {
      name: "door-to-door",
      severity: "error",
      comment: "Each door owns its edge: a door never imports another door.",
      from: { path: "^lib/channels/([^/]+)/" },
      to: { path: "^lib/channels/", pathNot: "^lib/channels/$1/" },
    },
    {
      name: "components-render-only",
      severity: "error",
      comment: "components/ renders: no database client, no SQL, no Prisma client.",
      from: { path: "^components/" },
      to: { path: "^(lib/platform/db/|generated/prisma/client|node_modules/(pg|@prisma/client|@electric-sql/pglite)/)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|generated|\\.next|prisma/engine)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
    },
  },
};
