// Environment variables the test harness passes from vitest's global setup (main process) to
// test workers, which inherit the environment. Kept free of imports: vitest.config files load it.

/** "postgres" or "pglite" (default): the backend createTestDatabase() uses; set per project. */
export const BACKEND_ENV = "PIIRI_TEST_DB";
/** A superuser URL of the PostgreSQL test server; preset it to use a server of your own. */
export const PG_URL_ENV = "PIIRI_TEST_PG_URL";
/** The migrated template database on that server. */
export const PG_TEMPLATE_ENV = "PIIRI_TEST_PG_TEMPLATE";
/** A directory holding PGlite data-directory dumps: empty.tar and migrated.tar. */
export const PGLITE_TEMPLATES_ENV = "PIIRI_TEST_PGLITE_TEMPLATES";
