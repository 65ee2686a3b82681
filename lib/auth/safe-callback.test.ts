import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/safe-callback";

describe("safeCallbackPath", () => {
  it("keeps the portal's own paths, with their query and fragment", () => {
    expect(safeCallbackPath("/comite/indicateurs")).toBe("/comite/indicateurs");
    expect(safeCallbackPath("/operateur/envois?page=2&statut=ECHEC#liste")).toBe("/operateur/envois?page=2&statut=ECHEC#liste");
    expect(safeCallbackPath(["/admin", "/autre"])).toBe("/admin");
    // Encoded characters that stay inside a path are harmless.
    expect(safeCallbackPath("/beneficiaire/dossiers?q=caf%C3%A9")).toBe("/beneficiaire/dossiers?q=caf%C3%A9");
  });

  const refused: [string, unknown][] = [
    ["absent", undefined],
    ["empty", ""],
    ["not a string", 42],
    ["protocol-relative", "//evil.example/phish"],
    ["slash backslash", "/\\evil.example/phish"],
    ["backslash slash", "\\/evil.example/phish"],
    ["two backslashes", "\\\\evil.example"],
    ["backslash inside the path", "/ok\\..\\..\\evil"],
    ["tab between the slashes", "/\t/evil.example"],
    ["newline between the slashes", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["leading space", " /admin"],
    ["leading tab", "\t//evil.example"],
    ["encoded slashes", "%2F%2Fevil.example"],
    ["slash then encoded slash", "/%2Fevil.example"],
    ["slash then encoded backslash", "/%5Cevil.example"],
    ["encoded backslash", "%5C%5Cevil.example"],
    ["encoded tab", "/%09/evil.example"],
    ["double-encoded slashes", "/%252Fevil.example"],
    ["double-encoded backslash", "/%255Cevil.example"],
    ["malformed encoding", "/%E0%A4%A"],
    ["absolute http URL", "http://evil.example/phish"],
    ["absolute https URL", "https://evil.example"],
    ["scheme without slashes", "http:evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["javascript: with spaces", " javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["relative path", "admin"],
    ["unicode whitespace", "/\u3000/evil.example"],
    ["too long", `/${"a".repeat(3000)}`],
  ];
  for (const [what, value] of refused) {
    it(`refuses ${what}`, () => {
      expect(safeCallbackPath(value)).toBeNull();
    });
  }
});
