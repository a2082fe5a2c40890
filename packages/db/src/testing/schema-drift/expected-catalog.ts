// What schema.prisma implies for PostgreSQL, following Prisma Migrate's conventions: model and
// field names as table and column names, <Table>_<columns>_{pkey,key,idx,fkey} constraint names,
// TEXT/INTEGER/TIMESTAMP(3)… column types, defaults only for values the database itself computes.
import type { getDMMF } from "@prisma/internals";
import type { ColumnShape, ForeignKeyShape, ReferentialAction, SchemaCatalog } from "./catalog.ts";

export type Datamodel = Awaited<ReturnType<typeof getDMMF>>["datamodel"];
type Model = Datamodel["models"][number];
type Field = Model["fields"][number];

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric",
  Boolean: "boolean",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Bytes: "bytea",
};

/** The @db.* attributes this check understands; anything else is reported, never ignored. */
const NATIVE_TYPES: Record<string, (args: readonly string[]) => string> = {
  Text: () => "text",
  VarChar: (args) => (args[0] ? `character varying(${args[0]})` : "character varying"),
  Uuid: () => "uuid",
  Date: () => "date",
  Timestamp: (args) => `timestamp(${args[0] ?? 6})`,
  Timestamptz: (args) => `timestamptz(${args[0] ?? 6})`,
  SmallInt: () => "smallint",
  JsonB: () => "jsonb",
};

const ACTIONS: Record<string, ReferentialAction> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
  NoAction: "NO ACTION",
};

/** Defaults Prisma computes in the client, so the column has none. */
const CLIENT_SIDE_DEFAULTS = new Set(["uuid", "cuid", "nanoid", "ulid"]);

export function expectedCatalog(datamodel: Datamodel): SchemaCatalog {
  const tableOf = new Map(
    datamodel.models.map((model) => [model.name, model.dbName ?? model.name]),
  );
  const enumOf = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const catalog: SchemaCatalog = {
    tables: [...tableOf.values()],
    columns: {},
    indexes: {},
    foreignKeys: {},
    enums: {},
  };

  for (const e of datamodel.enums) {
    catalog.enums[e.dbName ?? e.name] = e.values.map((value) => value.dbName ?? value.name);
  }
  for (const model of datamodel.models) {
    const table = tableOf.get(model.name) ?? model.name;
    const columnOf = (fieldName: string) => {
      const field = model.fields.find((f) => f.name === fieldName);
      return field?.dbName ?? fieldName;
    };
    for (const field of model.fields) {
      if (field.kind === "scalar" || field.kind === "enum") {
        catalog.columns[`${table}.${field.dbName ?? field.name}`] = columnShape(field, enumOf);
      }
      if (
        field.kind === "object" &&
        field.relationFromFields &&
        field.relationFromFields.length > 0
      ) {
        const fk = foreignKey(model, field, table, tableOf, datamodel);
        catalog.foreignKeys[`${table}.${constraintName(table, fk.columns, "fkey")}`] = fk;
      }
    }
    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((f) => columnOf(f.name));
      if (index.type === "fulltext") continue; // MySQL/MongoDB only
      const kind = index.type === "id" ? "primary" : index.type === "unique" ? "unique" : "index";
      const suffix = { primary: "pkey", unique: "key", index: "idx" }[kind];
      const name =
        index.dbName ??
        (kind === "primary" ? `${table}_pkey` : constraintName(table, columns, suffix));
      catalog.indexes[name] = { table, columns, kind };
    }
  }
  return catalog;
}

function columnShape(field: Field, enumOf: Map<string, string>): ColumnShape {
  let type: string;
  if (field.kind === "enum") type = `enum ${enumOf.get(field.type) ?? field.type}`;
  else if (field.nativeType) {
    const [name, args] = field.nativeType;
    type =
      NATIVE_TYPES[name]?.(args) ??
      `@db.${name}(${args.join(", ")}), which the drift check does not know yet`;
  } else
    type = SCALAR_TYPES[field.type] ?? `${field.type}, which the drift check does not know yet`;
  if (field.isList) type = `${type}[]`;
  return { type, nullable: !field.isRequired, default: defaultExpression(field, enumOf) };
}

/** The default as PostgreSQL's information_schema prints it, or null for none. */
function defaultExpression(field: Field, enumOf: Map<string, string>): string | null {
  const value = field.default;
  if (value === undefined || field.isUpdatedAt) return null;
  if (isList(value)) return `${JSON.stringify(value)}, which the drift check does not know yet`;
  if (typeof value === "object") {
    if (value.name === "now") return "CURRENT_TIMESTAMP";
    if (CLIENT_SIDE_DEFAULTS.has(value.name)) return null;
    if (value.name === "autoincrement") return `nextval('"${field.name}_seq"'::regclass)`;
    return `${value.name}(), which the drift check does not know yet`;
  }
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  const literal = `'${value.replaceAll("'", "''")}'`;
  return field.kind === "enum"
    ? `${literal}::${quoteIdent(enumOf.get(field.type) ?? field.type)}`
    : `${literal}::text`;
}

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

function foreignKey(
  model: Model,
  field: Field,
  table: string,
  tableOf: Map<string, string>,
  datamodel: Datamodel,
): ForeignKeyShape {
  const from = field.relationFromFields ?? [];
  const target = datamodel.models.find((m) => m.name === field.type);
  const columnIn = (m: Model | undefined, name: string) =>
    m?.fields.find((f) => f.name === name)?.dbName ?? name;
  const required = from.every((name) => model.fields.find((f) => f.name === name)?.isRequired);
  return {
    table,
    columns: from.map((name) => columnIn(model, name)),
    referencedTable: tableOf.get(field.type) ?? field.type,
    referencedColumns: (field.relationToFields ?? []).map((name) => columnIn(target, name)),
    // Prisma's defaults: a required relation restricts deletes, an optional one nulls the key.
    onDelete: ACTIONS[field.relationOnDelete ?? (required ? "Restrict" : "SetNull")] ?? "NO ACTION",
    onUpdate: ACTIONS[field.relationOnUpdate ?? "Cascade"] ?? "NO ACTION",
  };
}

/** Prisma's default constraint name, shortened to PostgreSQL's 63-byte identifier limit. */
function constraintName(table: string, columns: string[], suffix: string): string {
  const base = [table, ...columns].join("_");
  return `${base.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
