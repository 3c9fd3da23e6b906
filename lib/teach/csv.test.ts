import { describe, expect, it } from "vitest";
import { csvField, parseCsv, toCsv } from "./csv";

describe("CSV for spreadsheets", () => {
  it("writes RFC 4180: CRLF rows, quoted fields with comma, quote or line break, doubled quotes, a UTF-8 BOM", () => {
    const csv = toCsv([
      ["name", "note"],
      ["Léon, Bottou", 'said "hi"'],
      ["two\nlines", 12.5],
      [null, undefined],
    ]);
    expect(csv).toBe('\uFEFFname,note\r\n"Léon, Bottou","said ""hi"""\r\n"two\nlines",12.5\r\n,\r\n');
  });

  it("neutralises cells a spreadsheet would run as a formula; numbers stay numbers", () => {
    for (const text of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil")']) expect(csvField(text).replace(/^"|"$/g, "").startsWith("'")).toBe(true);
    expect(csvField(-3)).toBe("-3");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField("a=b")).toBe("a=b");
  });

  it("reads back what it writes", () => {
    const rows = [
      ["Learner", "Email", "recall %"],
      ["Ada, \"the first\"", "ada@example.com", "80"],
      ["line\r\nbreak", "", "'=x"],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows.map((row) => row.map((cell) => (cell.startsWith("=") ? `'${cell}` : cell))));
    expect(parseCsv('a,"b ""c"""\r\n1,2')).toEqual([["a", 'b "c"'], ["1", "2"]]);
  });
});
