// One fresh database per test on the PostgreSQL server the global setup started (or the one
// PIIRI_TEST_PG_URL names). Migrated databases are copied from a migrated template database,
// which is much faster than running the migrations again.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../client.ts";
import { migrate } from "../migrate.ts";
import { PG_TEMPLATE_ENV, PG_URL_ENV } from "./environment.ts";

export interface PostgresTestDatabase {
  db: Database;
  url: string;
}

let admin: pg.Pool | undefined;

export async function createPostgresTestDatabase(options: {
  migrated: boolean;
}): Promise<PostgresTestDatabase> {
  const serverUrl = process.env[PG_URL_ENV];
  if (!serverUrl) {
    throw new Error(
      `PIIRI_TEST_DB=postgres needs ${PG_URL_ENV}: run the tests through piiriTestProjects() ` +
        "(its global setup starts PostgreSQL) or set it to a server you may create databases on",
    );
  }
  const template = options.migrated ? process.env[PG_TEMPLATE_ENV] : undefined;
  const name = `piiri_test_${randomUUID().replaceAll("-", "")}`;
  // allowExitOnIdle: this pool lives as long as the test process and must not keep it alive.
  admin ??= new pg.Pool({ connectionString: serverUrl, max: 2, allowExitOnIdle: true });
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template ?? "template0"}"`);
  const url = databaseUrl(serverUrl, name);
  const db = await openDatabase({ kind: "postgres", url });
  if (options.migrated && !template) await migrate(db);
  const server = admin;
  let closing: Promise<void> | undefined;
  return {
    url,
    db: {
      ...db,
      close() {
        closing ??= (async () => {
          await db.close();
          await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        })();
        return closing;
      },
    },
  };
}

/** The same server and credentials, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
