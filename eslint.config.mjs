import { readdirSync } from "node:fs";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The layers of the house (docs/architecture.md), enforced where the code is written; the whole
// import graph (cycles included) is checked again by dependency-cruiser (.dependency-cruiser.cjs).
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "tests/**"];
const UPPER = {
  group: ["@/app/*", "@/components/*", "@/cli/*", "@/e2e/*", "@/bench/*"],
  message: "lib/ décide, app/ components/ cli/ composent : lib n'importe jamais au-dessus de lui.",
};
const ABOVE_COMPONENTS = {
  group: ["@/app/*", "@/cli/*", "@/e2e/*", "@/bench/*"],
  message: "components/ affiche ce que app/ compose : il n'importe ni app/ ni cli/.",
};
const TEST_SUPPORT = { group: ["@/tests/*"], message: "Le code de production n'importe pas le soutien des tests." };
const DATABASE = {
  group: ["@/lib/platform/db/*", "@/generated/prisma/client", "@/generated/prisma/internal/*", "pg", "@prisma/client", "@electric-sql/pglite"],
  message: "components/ affiche : aucun accès à la base (passer par lib/<domaine>).",
};
const DOMAINS_AND_DOORS = {
  group: ["@/lib/*", "!@/lib/platform", "!@/lib/schemas"],
  message: "lib/schemas décrit : il n'importe que la plateforme et d'autres schémas, jamais un domaine ni une porte.",
};
const ABOVE_PLATFORM = { group: ["@/lib/*", "!@/lib/platform"], message: "lib/platform est le socle : il ne connaît ni domaine, ni schéma, ni porte." };
const DOORS = { group: ["@/lib/channels/*"], message: "Les domaines sont le cœur où écrivent les portes : un domaine n'importe jamais une porte." };
const doors = readdirSync(new URL("./lib/channels", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const restrict = (files, ...patterns) => ({ files, ignores: TESTS, rules: { "no-restricted-imports": ["error", { patterns }] } });

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  restrict(["lib/**"], UPPER, TEST_SUPPORT),
  restrict(["app/**", "cli/**", "proxy.ts", "instrumentation.ts"], TEST_SUPPORT),
  restrict(["components/**"], ABOVE_COMPONENTS, TEST_SUPPORT, DATABASE),
  restrict(["lib/platform/**"], UPPER, TEST_SUPPORT, ABOVE_PLATFORM),
  restrict(["lib/schemas/**"], UPPER, TEST_SUPPORT, DOMAINS_AND_DOORS),
  ...readdirSync(new URL("./lib", import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !["platform", "schemas", "channels"].includes(d.name))
    .map((d) => restrict([`lib/${d.name}/**`], UPPER, TEST_SUPPORT, DOORS)),
  ...doors.map((door) =>
    restrict([`lib/channels/${door}/**`], UPPER, TEST_SUPPORT, {
      group: ["@/lib/channels/*", `!@/lib/channels/${door}`],
      message: `Chaque porte possède son bord : lib/channels/${door} n'importe aucune autre porte.`,
    }),
  ),
  { ignores: ["generated/**", ".next/**", "node_modules/**", "prisma/engine/**", "public/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
