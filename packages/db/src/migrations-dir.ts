import { fileURLToPath } from "node:url";

/**
 * packages/db/prisma/migrations, located from this file. Right whenever this code runs from its
 * TypeScript source (tsx, vitest). A bundler moves the code, so bundled callers (the API's
 * dist/main.js) pass `migrationsDir` explicitly, e.g. from PIIRI_MIGRATIONS_DIR.
 */
export const defaultMigrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));
