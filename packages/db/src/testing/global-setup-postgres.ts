// Vitest global setup of the int-postgres project: starts a throwaway PostgreSQL server (unless
// PIIRI_TEST_PG_URL already names one) and prepares a migrated template database on it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase } from "../client.ts";
import { migrate } from "../migrate.ts";
import { startPostgresServer } from "./postgres-server.ts";
import { PG_TEMPLATE_ENV, PG_URL_ENV } from "./environment.ts";
import { databaseUrl } from "./postgres-test-database.ts";

export default async function setup(): Promise<() => Promise<void>> {
  const external = process.env[PG_URL_ENV];
  const server = external ? null : await startPostgresServer();
  const url = external ?? server?.url ?? "";
  const template = `piiri_template_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await adminQuery(url, `CREATE DATABASE "${template}" TEMPLATE "template0"`);
  const db = await openDatabase({ kind: "postgres", url: databaseUrl(url, template) });
  try {
    await migrate(db);
  } finally {
    // No session may stay connected to a database that CREATE DATABASE … TEMPLATE copies.
    await db.close();
  }
  // Test workers start after global setup and inherit this process's environment.
  process.env[PG_URL_ENV] = url;
  process.env[PG_TEMPLATE_ENV] = template;
  return async () => {
    if (server) await server.stop();
    else await adminQuery(url, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
