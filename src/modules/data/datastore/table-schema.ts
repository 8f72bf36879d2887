/**
 * Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/) as the datastore's
 * data dictionary. `name` is the PostgreSQL column name (stable, ASCII snake_case), `title` the
 * header as written in the file. Extension properties are prefixed `ntb:` as the spec allows.
 */
import { MISSING_VALUES, REGION_CODE } from './cell-parse.ts';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';
export type FieldKind = 'percent' | 'region_code' | 'code';

export interface FieldConstraints {
  required?: boolean;
  unique?: boolean;
  /** Numbers; for `date` fields an ISO date `YYYY-MM-DD` (as Frictionless allows). */
  minimum?: number | string;
  maximum?: number | string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: string[];
}

export interface TableSchemaField {
  name: string;
  title: string;
  description?: string;
  type: FieldType;
  format?: string;
  decimalChar?: string;
  groupChar?: string;
  bareNumber?: boolean;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: FieldConstraints;
  /** Unit of measure, e.g. `km²`, `%`, `jiwa` (MS-Var "satuan"). */
  unit?: string;
  'ntb:kind'?: FieldKind;
}

export interface TableSchema {
  fields: TableSchemaField[];
  missingValues: string[];
  primaryKey?: string[];
}

export const FIELD_TYPES: readonly FieldType[] = ['string', 'integer', 'number', 'boolean', 'date', 'datetime'];

/** PostgreSQL type of a field's datastore column. */
export function pgType(f: TableSchemaField): string {
  switch (f.type) {
    case 'integer': return 'bigint';
    case 'number': return 'numeric';
    case 'boolean': return 'boolean';
    case 'date': return 'date';
    case 'datetime': return 'timestamptz';
    default: return 'text';
  }
}

/** Column names the datastore reserves for itself. */
export const RESERVED_COLUMNS = new Set(['_id', '_full_text', 'ctid', 'oid', 'xmin', 'xmax', 'cmin', 'cmax', 'tableoid']);

/** ASCII snake_case identifiers, unique, ≤ 60 chars, never reserved; empty headers become `kolom_N`. */
export function columnNames(header: string[]): string[] {
  const used = new Set<string>();
  return header.map((h, i) => {
    let base = h
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/²/g, '2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60)
      .replace(/_+$/, '');
    if (base === '') base = `kolom_${i + 1}`;
    if (/^\d/.test(base)) base = `k_${base}`.slice(0, 60);
    if (RESERVED_COLUMNS.has(base)) base = `${base}_`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base.slice(0, 56)}_${k}`;
    used.add(name);
    return name;
  });
}

export function emptySchema(): TableSchema {
  return { fields: [], missingValues: [...MISSING_VALUES] };
}

/** Structural check of a schema edited by a user: returns problems as message keys with params. */
export function checkSchema(schema: TableSchema): Array<{ field: string; key: string }> {
  const problems: Array<{ field: string; key: string }> = [];
  const names = new Set<string>();
  for (const f of schema.fields) {
    if (!/^[a-z_][a-z0-9_]{0,59}$/.test(f.name) || RESERVED_COLUMNS.has(f.name)) problems.push({ field: f.name, key: 'data.schema.bad_name' });
    if (names.has(f.name)) problems.push({ field: f.name, key: 'data.schema.duplicate_name' });
    names.add(f.name);
    if (!FIELD_TYPES.includes(f.type)) problems.push({ field: f.name, key: 'data.schema.bad_type' });
    if (f.constraints?.pattern) {
      try { new RegExp(f.constraints.pattern); } catch { problems.push({ field: f.name, key: 'data.schema.bad_pattern' }); }
    }
  }
  return problems;
}

export const REGION_CODE_PATTERN = REGION_CODE.source;
