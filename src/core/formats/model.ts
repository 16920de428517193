// The formats module's browser entry: the CSV reader and writer are pure, so a page may use them as they are. The
// XLSX writer (fflate's deflate, large outputs) stays on the server: import it from index.ts.
export { csvFile, detectDelimiter, formatCsv, parseCsv, spreadsheetText, unprotectedText } from './csv';
export type { CsvRecord, CsvResult } from './csv';
export type { XlsxCell, XlsxColumn, XlsxSheet } from './xlsx';
