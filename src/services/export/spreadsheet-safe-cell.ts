/** Characters that make Excel, LibreOffice and Google Sheets read a CSV cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain negative decimal ("-12.50") is a number to Excel, never a formula: left as it is so money stays numeric. */
const NEGATIVE_DECIMAL = /^-\d+(\.\d+)?$/;

/**
 * A cell made safe to open in a spreadsheet (CSV injection): a cell beginning with = + - @ tab
 * or carriage return gets a leading single quote, which Excel shows as a text marker and never
 * evaluates. Negative decimals stay numbers. Raw exports skip this to keep values exact.
 *
 * @example spreadsheetSafeCell('=SUM(A1)') // "'=SUM(A1)"
 */
export function spreadsheetSafeCell(cell: string): string {
  return FORMULA_START.test(cell) && !NEGATIVE_DECIMAL.test(cell) ? `'${cell}` : cell;
}
