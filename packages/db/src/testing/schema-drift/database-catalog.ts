// Reads the current schema of a database from information_schema and pg_catalog.
import type { SqlRunner } from "../../client.ts";
import type { ColumnShape, ReferentialAction, SchemaCatalog } from "./catalog.ts";

/** Tables the drift check does not compare: Prisma's own migration bookkeeping. */
export const BOOKKEEPING_TABLES = ["_prisma_migrations"];

const ACTIONS: Record<string, ReferentialAction> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** Element type names (udt_name without its leading underscore) → normalized type. */
const UDT_TYPES: Record<string, string> = {
  text: "text",
  int4: "integer",
  int8: "bigint",
  int2: "smallint",
  float8: "double precision",
  numeric: "numeric",
  bool: "boolean",
  jsonb: "jsonb",
  json: "json",
  bytea: "bytea",
  uuid: "uuid",
  date: "date",
  varchar: "character varying",
  timestamp: "timestamp(3)",
  timestamptz: "timestamptz(3)",
};

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
  datetime_precision: number | null;
  character_maximum_length: number | null;
}

export async function readDatabaseCatalog(db: SqlRunner): Promise<SchemaCatalog> {
  const [tables, columns, indexes, foreignKeys, enums] = await Promise.all([
    db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    ),
    db.query<ColumnRow>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
              datetime_precision, character_maximum_length
         FROM information_schema.columns WHERE table_schema = current_schema()`,
    ),
    db.query<{
      name: string;
      table: string;
      columns: string[];
      is_unique: boolean;
      is_primary: boolean;
    }>(
      `SELECT i.relname AS name, t.relname AS "table", x.indisunique AS is_unique,
              x.indisprimary AS is_primary,
              (SELECT json_agg(a.attname ORDER BY k.ord)
                 FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema()`,
    ),
    db.query<{
      name: string;
      table: string;
      referenced_table: string;
      columns: string[];
      referenced_columns: string[];
      on_delete: string;
      on_update: string;
    }>(
      `SELECT c.conname AS name, t.relname AS "table", r.relname AS referenced_table,
              c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update,
              (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
              (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS referenced_columns
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_class r ON r.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE c.contype = 'f' AND n.nspname = current_schema()`,
    ),
    db.query<{ name: string; labels: string[] }>(
      `SELECT t.typname AS name, json_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
         FROM pg_type t
         JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = current_schema()
        GROUP BY t.typname`,
    ),
  ]);

  const ignored = (table: string) => BOOKKEEPING_TABLES.includes(table);
  const catalog: SchemaCatalog = {
    tables: [],
    columns: {},
    indexes: {},
    foreignKeys: {},
    enums: {},
  };
  catalog.tables = tables.map((row) => row.name).filter((name) => !ignored(name));
  for (const row of columns.filter((column) => !ignored(column.table_name))) {
    catalog.columns[`${row.table_name}.${row.column_name}`] = columnShape(row);
  }
  for (const row of indexes.filter((index) => !ignored(index.table))) {
    const kind = row.is_primary ? "primary" : row.is_unique ? "unique" : "index";
    catalog.indexes[row.name] = { table: row.table, columns: row.columns, kind };
  }
  for (const row of foreignKeys.filter((fk) => !ignored(fk.table))) {
    catalog.foreignKeys[`${row.table}.${row.name}`] = {
      table: row.table,
      columns: row.columns,
      referencedTable: row.referenced_table,
      referencedColumns: row.referenced_columns,
      onDelete: ACTIONS[row.on_delete] ?? "NO ACTION",
      onUpdate: ACTIONS[row.on_update] ?? "NO ACTION",
    };
  }
  for (const row of enums) catalog.enums[row.name] = row.labels;
  return catalog;
}

function columnShape(row: ColumnRow): ColumnShape {
  return {
    type: columnType(row),
    nullable: row.is_nullable === "YES",
    default: row.column_default,
  };
}

function columnType(row: ColumnRow): string {
  switch (row.data_type) {
    case "USER-DEFINED":
      return `enum ${row.udt_name}`;
    case "ARRAY": {
      const element = row.udt_name.replace(/^_/, "");
      return `${UDT_TYPES[element] ?? `enum ${element}`}[]`;
    }
    case "timestamp without time zone":
      return `timestamp(${row.datetime_precision ?? 6})`;
    case "timestamp with time zone":
      return `timestamptz(${row.datetime_precision ?? 6})`;
    case "character varying":
      return row.character_maximum_length === null
        ? "character varying"
        : `character varying(${row.character_maximum_length})`;
    default:
      return row.data_type;
  }
}
