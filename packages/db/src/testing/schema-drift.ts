// Compares schema.prisma (as Prisma's DMMF) with a migrated database and lists every difference:
// tables, columns (type, nullability, default), enums, primary keys, unique and plain indexes,
// foreign keys with their referential actions. An empty list means the migrations produce
// exactly the schema Prisma's client expects.
import type { SqlRunner } from "../client.ts";
import type { SchemaCatalog } from "./schema-drift/catalog.ts";
import { readDatabaseCatalog } from "./schema-drift/database-catalog.ts";
import { expectedCatalog, type Datamodel } from "./schema-drift/expected-catalog.ts";

export type { Datamodel } from "./schema-drift/expected-catalog.ts";

export async function findSchemaDrift(datamodel: Datamodel, db: SqlRunner): Promise<string[]> {
  return compareCatalogs(expectedCatalog(datamodel), await readDatabaseCatalog(db));
}

export function compareCatalogs(expected: SchemaCatalog, actual: SchemaCatalog): string[] {
  const differences: string[] = [];
  const compare = <T>(what: string, want: Record<string, T>, have: Record<string, T>) => {
    for (const [key, value] of Object.entries(want)) {
      const found = have[key];
      if (found === undefined) differences.push(`${what} ${key} is missing from the database`);
      else {
        for (const [property, wanted] of Object.entries(value as object)) {
          const got: unknown = (found as Record<string, unknown>)[property];
          if (JSON.stringify(got) !== JSON.stringify(wanted)) {
            differences.push(
              `${what} ${key}: ${property} is ${JSON.stringify(got)} in the database, ` +
                `schema.prisma expects ${JSON.stringify(wanted)}`,
            );
          }
        }
      }
    }
    for (const key of Object.keys(have)) {
      if (!(key in want))
        differences.push(`${what} ${key} is in the database but not in schema.prisma`);
    }
  };
  const asKeys = (names: string[]) => Object.fromEntries(names.map((name) => [name, {}]));
  compare("table", asKeys(expected.tables), asKeys(actual.tables));
  compare("enum", mapValues(expected.enums), mapValues(actual.enums));
  compare("column", expected.columns, actual.columns);
  compare("index", expected.indexes, actual.indexes);
  compare("foreign key", expected.foreignKeys, actual.foreignKeys);
  return differences;
}

function mapValues(enums: Record<string, string[]>): Record<string, { values: string[] }> {
  return Object.fromEntries(Object.entries(enums).map(([name, values]) => [name, { values }]));
}
