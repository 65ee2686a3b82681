import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/csv/to-csv";

describe("toCsv", () => {
  it("quotes what needs quoting and leaves empty cells for missing values", () => {
    expect(toCsv(["commune", "valeur"], [["Saint-Denis, La Réunion", 1.5], ['dit "X"', null]])).toBe(
      '\uFEFFcommune,valeur\r\n"Saint-Denis, La Réunion",1.5\r\n"dit ""X""",\r\n',
    );
  });
});
