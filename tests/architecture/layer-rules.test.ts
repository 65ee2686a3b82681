import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rules of eslint.config.mjs, tried as a developer would break them: each forbidden
// import is reported where it is written, and the allowed ones are not.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from "${specifier}";\nexport const y = x;\n`, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules (eslint)", () => {
  it.each([
    ["lib/dossiers/example.ts", "@/app/(beneficiaire)/beneficiaire/dossiers/actions", "lib n'importe jamais au-dessus"],
    ["lib/dossiers/example.ts", "@/components/ui/data-table", "lib n'importe jamais au-dessus"],
    ["lib/dossiers/example.ts", "@/cli/commands", "lib n'importe jamais au-dessus"],
    ["lib/dossiers/example.ts", "@/tests/support/advenir/ingest", "soutien des tests"],
    ["components/ui/example.tsx", "@/lib/platform/db/database", "aucun accès à la base"],
    ["components/ui/example.tsx", "@/generated/prisma/client", "aucun accès à la base"],
    ["components/ui/example.tsx", "pg", "aucun accès à la base"],
    ["components/ui/example.tsx", "@/app/(operateur)/operateur/actions", "il n'importe ni app/ ni cli/"],
    ["lib/schemas/example.ts", "@/lib/dossiers/find-dossier", "jamais un domaine ni une porte"],
    ["lib/schemas/example.ts", "@/lib/channels/advenir/errors", "jamais un domaine ni une porte"],
    ["lib/platform/example.ts", "@/lib/schemas/dossiers", "ne connaît ni domaine"],
    ["lib/platform/example.ts", "@/lib/indicators/refresh-indicators", "ne connaît ni domaine"],
    ["lib/indicators/example.ts", "@/lib/channels/advenir/record-submission", "un domaine n'importe jamais une porte"],
    ["lib/channels/advenir/example.ts", "@/lib/channels/qualicharge/sessions", "n'importe aucune autre porte"],
  ])("%s may not import %s", async (file, specifier, message) => {
    const messages = await restrictedImports(file, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it.each([
    ["lib/dossiers/example.ts", "@/lib/platform/db/database"],
    ["lib/dossiers/example.ts", "@/lib/schemas/dossiers"],
    ["lib/dossiers/example.ts", "@/lib/stations/find-own-station"],
    ["lib/schemas/example.ts", "@/lib/platform/time/paris-time"],
    ["lib/channels/advenir/example.ts", "@/lib/charges/quality"],
    ["lib/channels/advenir/example.ts", "@/lib/channels/advenir/errors"],
    ["components/ui/example.tsx", "@/lib/platform/format"],
    ["app/(comite)/comite/example.tsx", "@/lib/indicators/get-key-figures"],
    ["lib/dossiers/example.test.ts", "@/tests/support/common/own-database"],
  ])("%s may import %s", async (file, specifier) => {
    expect(await restrictedImports(file, specifier)).toEqual([]);
  });
});
