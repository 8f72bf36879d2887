/**
 * Typed errors of the datastore pipeline. Every error carries a stable `code` (also the suffix of
 * its message key `data.err.<code>`) and the parameters the message needs, so the HTTP layer and
 * the ingestion report can render it in Indonesian or English without parsing strings.
 */
export type DatastoreErrorCode =
  | 'empty_file'
  | 'no_data_rows'
  | 'binary_content'
  | 'zip_instead_of_csv'
  | 'ole_instead_of_csv'
  | 'too_many_columns'
  | 'line_too_long'
  | 'ragged_rows'
  | 'encoding_mismatch'
  | 'csv_syntax'
  | 'not_xlsx'
  | 'zip_bomb'
  | 'zip_too_large'
  | 'zip_corrupt'
  | 'sheet_not_found'
  | 'too_many_rows'
  | 'too_many_cells'
  | 'schema_mismatch'
  | 'validation_failed';

export class DatastoreError extends Error {
  readonly code: DatastoreErrorCode;
  readonly params: Record<string, string | number>;
  /** Extra structured detail (e.g. the ragged rows or the validation report). */
  readonly detail?: unknown;

  constructor(code: DatastoreErrorCode, params: Record<string, string | number> = {}, detail?: unknown) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'DatastoreError';
    this.code = code;
    this.params = params;
    this.detail = detail;
  }

  /** Message key in the module catalogue. */
  get messageKey(): string {
    return `data.err.${this.code}`;
  }
}

export function isDatastoreError(e: unknown): e is DatastoreError {
  return e instanceof DatastoreError;
}
