import { describe, expect, it } from "vitest";
import { checkIdentifier, displayText, MAX_IDENTIFIER_LENGTH, storableText } from "@/lib/schemas/identifiers";

describe("identifiers", () => {
  it("accepts printable Unicode up to 255 characters, in its NFC form", () => {
    expect(checkIdentifier("R320", "StationID")).toEqual({ ok: true, value: "R320" });
    expect(checkIdentifier(" espace ", "TransactionID")).toEqual({ ok: true, value: " espace " });
    expect(checkIdentifier("GARE-E\u0301LYSE\u0301E", "StationID")).toEqual({ ok: true, value: "GARE-\u00c9LYS\u00c9E" });
    expect(checkIdentifier("\u{1f50c}".repeat(MAX_IDENTIFIER_LENGTH), "TransactionID").ok).toBe(true); // 255 code points, 510 UTF-16 units
    expect(checkIdentifier("\ufffd", "TransactionID").ok).toBe(true);
  });

  it.each([
    ["", "TransactionID vide"],
    ["   ", "TransactionID vide"],
    ["x".repeat(256), "TransactionID trop long (256 caractères, 255 au plus)"],
    ["\u{1f50c}".repeat(256), "TransactionID trop long (256 caractères, 255 au plus)"],
    ["a\u0000", "TransactionID invalide : \\u0000 (caractère nul) n'est pas admis dans un identifiant"],
    ["a\u007f", "TransactionID invalide : \\u007F (caractère de contrôle) n'est pas admis dans un identifiant"],
    ["a\u0085", "TransactionID invalide : \\u0085 (caractère de contrôle) n'est pas admis dans un identifiant"],
    ["a\ud800", "TransactionID invalide : \\uD800 (demi-paire de substitution UTF-16 isolée) n'est pas admis dans un identifiant"],
    ["\udc00a", "TransactionID invalide : \\uDC00 (demi-paire de substitution UTF-16 isolée) n'est pas admis dans un identifiant"],
    ["a\u2028", "TransactionID invalide : \\u2028 (séparateur de ligne ou de paragraphe) n'est pas admis dans un identifiant"],
    ["a\u2067", "TransactionID invalide : \\u2067 (contrôle de direction du texte) n'est pas admis dans un identifiant"],
    ["a\uffff", "TransactionID invalide : \\uFFFF (non-caractère Unicode) n'est pas admis dans un identifiant"],
    ["a\u{10fffe}", "TransactionID invalide : \\u{10FFFE} (non-caractère Unicode) n'est pas admis dans un identifiant"],
  ])("refuses %j", (raw, reason) => {
    expect(checkIdentifier(raw, "TransactionID")).toEqual({ ok: false, reason });
  });

  it("shows any text safely: refused characters escaped, long texts cut with their length", () => {
    expect(displayText("R320")).toBe("R320");
    expect(displayText("a\u0000b\ud800")).toBe("a\\u0000b\\uD800");
    expect(displayText("x".repeat(300))).toBe(`${"x".repeat(64)}…(300 caractères)`);
  });

  it("makes any text storable in jsonb, and leaves valid text alone", () => {
    expect(storableText("a\u0000b\udc00c\ud83d\ude00")).toBe("a\\u0000b\\uDC00c\ud83d\ude00");
    expect(storableText("é€😀\u2028")).toBe("é€😀\u2028");
  });
});
