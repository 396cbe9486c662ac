import type { NextFunction, Request, Response } from 'express';
import { raw } from 'express';
import { ApiError } from '../common/api-error.js';
import { CSV_MIME, XLSX_MIME, type SpreadsheetFormat } from './spreadsheet-file.js';
import type { UploadedBlob } from '../common/uploaded-blob.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Lets an import route take the file as the raw request body (`text/csv` or the XLSX MIME type). */
export const rawSpreadsheetBody: (req: Request, res: Response, next: NextFunction) => void = raw({
  type: [CSV_MIME, 'application/csv', 'text/plain', XLSX_MIME, 'application/octet-stream'],
  limit: MAX_UPLOAD_BYTES,
});

export type UploadedSpreadsheet = { content: Buffer; format: SpreadsheetFormat; name?: string };

/** The uploaded file (multipart field `file`, or the raw body) and its format from the MIME type or file name. */
export function uploadedSpreadsheet(
  file: UploadedBlob | undefined,
  body: unknown,
  contentType: string | undefined,
): UploadedSpreadsheet {
  if (file)
    return { content: file.buffer, format: formatOf(file.mimetype, file.originalname), name: file.originalname };
  if (Buffer.isBuffer(body) && body.length) return { content: body, format: formatOf(contentType ?? '') };
  throw ApiError.validation(
    {
      file: 'Attach a CSV or XLSX file (multipart field "file", or the file as the body with Content-Type text/csv or the XLSX type).',
    },
    'No file was uploaded.',
  );
}

function formatOf(mimeType: string, fileName = ''): SpreadsheetFormat {
  const mime = mimeType.split(';')[0].trim().toLowerCase();
  if (mime === XLSX_MIME || /\.xlsx$/i.test(fileName)) return 'xlsx';
  if ([CSV_MIME, 'application/csv', 'text/plain'].includes(mime) || /\.csv$/i.test(fileName)) return 'csv';
  if (mime === 'application/octet-stream' && !fileName) return 'xlsx';
  throw ApiError.validation({ file: 'Upload a .csv or .xlsx file.' }, 'This file type cannot be imported.');
}
