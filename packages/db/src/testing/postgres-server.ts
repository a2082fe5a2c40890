// Starts a throwaway PostgreSQL server for integration tests from the binaries installed on this
// machine (Debian's postgresql package, or initdb/pg_ctl on PATH): fresh data directory in a
// temp dir, loopback only, trust authentication, durability off for speed.
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
}

export interface PostgresServer {
  /** postgresql://postgres@127.0.0.1:<port>/postgres — a superuser, no password. */
  url: string;
  stop(): Promise<void>;
}

/** The newest /usr/lib/postgresql/<version>/bin, else initdb and pg_ctl on PATH; null if none. */
export function findPostgresBinaries(): PostgresBinaries | null {
  const debianRoot = "/usr/lib/postgresql";
  const versions = readdirNames(debianRoot);
  versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  const dirs = [
    ...versions.map((version) => join(debianRoot, version, "bin")),
    ...(process.env["PATH"] ?? "").split(delimiter).filter(Boolean),
  ];
  for (const dir of dirs) {
    const initdb = join(dir, "initdb");
    const pgCtl = join(dir, "pg_ctl");
    if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
  }
  return null;
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const binaries = findPostgresBinaries();
  if (!binaries) {
    throw new Error(
      "No PostgreSQL found: install Debian's postgresql package or put initdb and pg_ctl on PATH",
    );
  }
  const runAs = await serverUser();
  const root = await mkdtemp(join(tmpdir(), "piiri-postgres-"));
  const dataDir = join(root, "data");
  const logFile = join(root, "server.log");
  try {
    if (runAs) await chown(root, runAs.uid, runAs.gid);
    await runAsUser(runAs, binaries.initdb, [
      "--pgdata",
      dataDir,
      "--username",
      "postgres",
      "--auth",
      "trust",
      "--encoding",
      "UTF8",
      "--locale",
      "C",
      "--no-sync",
    ]);
    const port = await startOnFreePort(binaries, runAs, root, dataDir, logFile);
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        await runAsUser(runAs, binaries.pgCtl, [
          "stop",
          "--pgdata",
          dataDir,
          "--mode",
          "immediate",
          "--wait",
        ]);
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

async function startOnFreePort(
  binaries: PostgresBinaries,
  runAs: OsUser | null,
  root: string,
  dataDir: string,
  logFile: string,
): Promise<number> {
  // Another process may take the port between probing and binding it; try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    const options = [
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories='${root}'`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=300",
    ].join(" ");
    try {
      await runAsUser(runAs, binaries.pgCtl, [
        "start",
        "--pgdata",
        dataDir,
        "--log",
        logFile,
        "--wait",
        "--timeout",
        "60",
        "-o",
        options,
      ]);
      return port;
    } catch (error) {
      const log = await readFile(logFile, "utf8").catch(() => "");
      if (attempt < 3 && /could not bind|address already in use/i.test(log)) continue;
      throw new Error(`PostgreSQL did not start:\n${log.slice(-2000)}`, { cause: error });
    }
  }
}

interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** initdb refuses to run as root, so as root the server runs as the `postgres` OS user. */
async function serverUser(): Promise<OsUser | null> {
  if (process.getuid?.() !== 0) return null;
  try {
    const [uid, gid] = await Promise.all([
      run("id", ["-u", "postgres"]),
      run("id", ["-g", "postgres"]),
    ]);
    return { name: "postgres", uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error("Running as root, but there is no `postgres` OS user to run PostgreSQL as");
  }
}

async function runAsUser(user: OsUser | null, command: string, args: string[]): Promise<void> {
  const env = { ...process.env, LC_ALL: "C" };
  if (!user) {
    await run(command, args, { env });
  } else if (existsSync("/usr/sbin/runuser") || existsSync("/sbin/runuser")) {
    await run("runuser", ["-u", user.name, "--", command, ...args], { env });
  } else {
    const quoted = [command, ...args].map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(" ");
    await run("su", ["-s", "/bin/sh", user.name, "-c", quoted], { env });
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function readdirNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
