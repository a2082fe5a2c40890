// The shape both sides of the drift check are reduced to: what schema.prisma implies for
// PostgreSQL, and what a database actually has.

export interface ColumnShape {
  /** Normalized PostgreSQL type: text, integer, timestamp(3), enum SessionStatus, text[] … */
  type: string;
  nullable: boolean;
  /** The default expression as PostgreSQL prints it (CURRENT_TIMESTAMP, 90, 'open'::"Status"). */
  default: string | null;
}

export interface IndexShape {
  table: string;
  columns: string[];
  kind: "primary" | "unique" | "index";
}

export interface ForeignKeyShape {
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export type ReferentialAction = "CASCADE" | "RESTRICT" | "SET NULL" | "SET DEFAULT" | "NO ACTION";

export interface SchemaCatalog {
  tables: string[];
  /** Keyed by "Table.column". */
  columns: Record<string, ColumnShape>;
  /** Keyed by index name (unique within a PostgreSQL schema). */
  indexes: Record<string, IndexShape>;
  /** Keyed by "Table.constraint_name". */
  foreignKeys: Record<string, ForeignKeyShape>;
  /** Enum name → values in declaration order. */
  enums: Record<string, string[]>;
}
