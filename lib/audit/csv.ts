// CSV cells that are safe to open in a spreadsheet. A cell starting with =, +, -, @ (or a tab or
// carriage return, which some spreadsheets skip before reading a formula) would be run as a formula
// by Excel, LibreOffice or Google Sheets, and audit entries carry names that anyone with a token can
// choose ("=HYPERLINK(…)"). Such a cell gets a leading apostrophe, which spreadsheets show as text.
// Every cell is quoted, so commas, quotes and line breaks inside a value never break a row (RFC 4180).

// The full-width forms (＝ ＋ － ＠) too: spreadsheets in Chinese, Japanese and Korean locales may
// read them as the ASCII ones.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One line of cells, ended with CRLF as RFC 4180 has it. */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
