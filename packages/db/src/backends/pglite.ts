// PGlite: PostgreSQL compiled to WebAssembly, running inside this process. One PGlite instance
// is one connection, shared by Prisma (through pglite-prisma-adapter) and the raw SQL runner.
import { mkdir } from "node:fs/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { Database, SqlRunner } from "../client.ts";

export async function openPGliteDatabase(dataDir: string | null): Promise<Database> {
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });
  return wrapPGlite(await PGlite.create(dataDir ?? "memory://"));
}

/** Gives an open PGlite the Database interface; closing the Database closes the PGlite. */
export function wrapPGlite(pglite: PGlite): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  let closing: Promise<void> | undefined;
  return {
    kind: "pglite",
    prisma,
    ...sqlRunner(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(sqlRunner(tx))),
    close() {
      closing ??= (async () => {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
      })();
      return closing;
    },
  };
}

function sqlRunner(connection: PGlite | Transaction): SqlRunner {
  return {
    async exec(sql) {
      await connection.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await connection.query<T>(sql, params)).rows;
    },
  };
}
