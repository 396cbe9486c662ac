import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export const SPREADSHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv';

export type SpreadsheetCell = string | number | boolean | Date | null | undefined;
/** A sheet as text: the header row and every non-empty row after it, with its row number in the file (header = 1). */
export type SpreadsheetTable = { headers: string[]; rows: { rowNumber: number; cells: string[] }[] };

export class SpreadsheetReadError extends Error {}

/** Reads the first sheet of an XLSX workbook, or a CSV separated by commas or semicolons (Excel in Romanian uses `;`). */
export async function readSpreadsheet(content: Buffer, format: SpreadsheetFormat): Promise<SpreadsheetTable> {
  const records = format === 'csv' ? readCsv(content) : await readXlsx(content);
  const isBlank = (row: string[]) => row.every((cell) => cell.trim() === '');
  const headerIndex = records.findIndex((row) => !isBlank(row));
  if (headerIndex === -1) return { headers: [], rows: [] };
  return {
    headers: records[headerIndex].map((h) => h.trim()),
    rows: records
      .map((cells, index) => ({ rowNumber: index + 1, cells }))
      .slice(headerIndex + 1)
      .filter((row) => !isBlank(row.cells)),
  };
}

function readCsv(content: Buffer): string[][] {
  const text = content.toString('utf8');
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
    }) as string[][];
  } catch (error) {
    throw new SpreadsheetReadError(`The CSV file could not be read: ${(error as Error).message}`);
  }
}

async function readXlsx(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as never);
  } catch (error) {
    throw new SpreadsheetReadError(`The XLSX file could not be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, sheet.columnCount); c++) cells.push(row.getCell(c).text ?? '');
    rows.push(cells);
  }
  return rows;
}

/** A CSV (UTF-8 with BOM so Excel shows diacritics) or an XLSX workbook with one sheet. */
export async function writeSpreadsheet(
  headers: string[],
  rows: SpreadsheetCell[][],
  format: SpreadsheetFormat,
  sheetName = 'Export',
): Promise<Buffer> {
  if (format === 'csv') {
    const text = stringify([headers, ...rows.map((row) => row.map(csvCell))]);
    return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(text)]);
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => (cell === undefined ? null : cell)));
  sheet.columns.forEach((column) => (column.width = 20));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvCell(cell: SpreadsheetCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}

export function contentTypeOf(format: SpreadsheetFormat): string {
  return format === 'csv' ? `${CSV_MIME}; charset=utf-8` : XLSX_MIME;
}
