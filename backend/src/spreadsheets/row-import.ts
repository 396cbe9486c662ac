import { ApiError, type ApiErrorBody } from '../common/api-error.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';

export type ImportRejection = { row: number; reason: string; fields?: Record<string, string> };
export type ImportReport = {
  dryRun: boolean;
  imported: number;
  updated: number;
  rejected: ImportRejection[];
  unknownColumns: string[];
};
export type RowOutcome = 'imported' | 'updated';

class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Imports each row in its own savepoint of one transaction: a row that fails leaves nothing behind and is reported
 * with its row number and fields. A dry run does the same work and then rolls everything back.
 */
export async function importRowsInSavepoints<R extends { rowNumber: number }>(options: {
  db: Database;
  rows: R[];
  dryRun: boolean;
  unknownColumns: string[];
  importRow(tx: DatabaseExecutor, row: R): Promise<RowOutcome>;
  /** Runs after the rows, in the same transaction (the summary audit entry). */
  finish(tx: DatabaseExecutor, report: ImportReport): Promise<void>;
}): Promise<ImportReport> {
  const report: ImportReport = {
    dryRun: options.dryRun,
    imported: 0,
    updated: 0,
    rejected: [],
    unknownColumns: options.unknownColumns,
  };
  try {
    await options.db.transaction(async (tx) => {
      for (const row of options.rows) {
        try {
          const outcome = await tx.transaction((savepoint) => options.importRow(savepoint, row));
          report[outcome]++;
        } catch (error) {
          report.rejected.push(rejectionOf(row.rowNumber, error));
        }
      }
      await options.finish(tx, report);
      if (options.dryRun) throw new DryRunRollback(report);
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return report;
}

function rejectionOf(row: number, error: unknown): ImportRejection {
  if (error instanceof ApiError) {
    const body = error.getResponse() as ApiErrorBody;
    return { row, reason: body.message, ...(body.fields ? { fields: body.fields } : {}) };
  }
  return { row, reason: `This row could not be saved: ${(error as Error).message ?? String(error)}` };
}
