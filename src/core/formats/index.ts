// The formats module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { csvFile, detectDelimiter, formatCsv, parseCsv, spreadsheetText, unprotectedText } from './csv';
export type { CsvRecord, CsvResult } from './csv';
export { sheetNames, writeXlsx, XLSX_MAX_COLUMNS, XLSX_MAX_ROWS, XLSX_MAX_TEXT } from './xlsx';
export type { XlsxCell, XlsxColumn, XlsxSheet } from './xlsx';
