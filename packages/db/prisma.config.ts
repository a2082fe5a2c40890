// Prisma CLI configuration. The URL is only needed by CLI commands that talk to a database
// (migrate deploy/status where Prisma's schema engine is available); `generate` needs none.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env["DATABASE_URL"] ?? "postgresql://localhost:5432/piiri" },
});
