// A real PostgreSQL server through node-postgres. One pg.Pool is shared by Prisma (through
// @prisma/adapter-pg) and the raw SQL runner; transactions pin one pooled connection.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { Database, SqlRunner } from "../client.ts";

export async function openPostgresDatabase(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url });
  let closing: Promise<void> | undefined;
  // An idle connection can die (server restart, network); without a listener pg would crash the
  // process. The pool replaces the connection on next use, so reporting it is enough. pool.end()
  // resolves before its sockets are closed, so errors after close() are expected and ignored.
  pool.on("error", (error) => {
    if (!closing) console.error(`PostgreSQL connection lost: ${error.message}`);
  });
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL at ${describeServer(url)}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    ...sqlRunner(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        try {
          const result = await fn(sqlRunner(client));
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {
            broken = true;
          });
          throw error;
        }
      } finally {
        client.release(broken);
      }
    },
    close() {
      closing ??= (async () => {
        await prisma.$disconnect();
        await pool.end();
      })();
      return closing;
    },
  };
}

function sqlRunner(connection: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    async exec(sql) {
      await connection.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await connection.query(sql, params)).rows as T[];
    },
  };
}

/** host:port/database, never the password. */
function describeServer(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}:${port || "5432"}${pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(messageOf).join("; ");
  return error instanceof Error ? error.message || error.name : String(error);
}
