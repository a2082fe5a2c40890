// The test projects every package with a database uses (`@piiri/db/testing/vitest`):
//   unit          src/**/*.test.ts(x) except *.int.test.ts
//   int-pglite    src/**/*.int.test.ts against in-memory PGlite
//   int-postgres  the same files against a real PostgreSQL server started for the run
// Usage in a package's vitest.config.ts:
//   export default defineConfig({ test: { projects: piiriTestProjects() } });
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { configDefaults, type TestProjectInlineConfiguration } from "vitest/config";
import { findPostgresBinaries } from "./postgres-server.ts";
import { BACKEND_ENV, PG_URL_ENV } from "./environment.ts";

const UNIT = ["src/**/*.test.{ts,tsx}"];
const INTEGRATION = ["src/**/*.int.test.{ts,tsx}"];

export function piiriTestProjects(): TestProjectInlineConfiguration[] {
  const projects: TestProjectInlineConfiguration[] = [
    {
      extends: true,
      test: { name: "unit", include: UNIT, exclude: [...configDefaults.exclude, ...INTEGRATION] },
    },
    integrationProject("int-pglite", "pglite"),
  ];
  if (postgresAvailable()) projects.push(integrationProject("int-postgres", "postgres"));
  return projects;
}

function integrationProject(
  name: string,
  backend: "pglite" | "postgres",
): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: INTEGRATION,
      env: { [BACKEND_ENV]: backend },
      globalSetup: [fileURLToPath(new URL(`./global-setup-${backend}.ts`, import.meta.url))],
      // Generous: the first test of a file also warms a real database and server, and two files
      // share 2 cores with the build of another package.
      testTimeout: 60_000,
      // Starting a Piiri (database, migrations, HTTP) can take long on a loaded shared machine.
      hookTimeout: 60_000,
      // Every integration file runs a database (PGlite is CPU-bound WebAssembly): at most two
      // at a time, fewer on a one-core machine. Both integration projects share this group of
      // workers and run after the unit tests (groupOrder 0).
      maxWorkers: Math.min(2, availableParallelism()),
      sequence: { groupOrder: 1 },
    },
  };
}

function postgresAvailable(): boolean {
  if (process.env[PG_URL_ENV] || findPostgresBinaries()) return true;
  if (process.env["CI"] === "true") {
    throw new Error(
      "CI=true but no PostgreSQL binaries were found (/usr/lib/postgresql/*/bin or initdb/pg_ctl " +
        `on PATH) and ${PG_URL_ENV} is not set: the int-postgres tests cannot run.`,
    );
  }
  console.warn("PostgreSQL not installed: skipping the int-postgres test project (PGlite only).");
  return false;
}
