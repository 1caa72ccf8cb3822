// CSV cells a spreadsheet opens as text: formula starts defused, separators and quotes kept inside the cell.
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/audit/csv";

describe("CSV cells", () => {
  it("quotes every cell and doubles quotes inside it", () => {
    expect(csvCell("deploy bot")).toBe('"deploy bot"');
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(42)).toBe('"42"');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell("+1+1")).toBe(`"'+1+1"`);
    expect(csvCell("-2+3")).toBe(`"'-2+3"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("\t=1")).toBe(`"'\t=1"`);
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
    // Full-width forms, which spreadsheets in CJK locales may read as the ASCII ones.
    for (const start of ["\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]) expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
  });

  it("leaves a formula character alone when it is not the first", () => {
    expect(csvCell("a=b")).toBe('"a=b"');
    expect(csvCell("admin@contoso.test")).toBe('"admin@contoso.test"');
  });

  it("ends a row with CRLF", () => {
    expect(csvRow(["a", "=b", null])).toBe(`"a","'=b",""\r\n`);
  });
});
