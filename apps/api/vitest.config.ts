import { defineConfig } from "vitest/config";
import { piiriTestProjects } from "@piiri/db/testing/vitest";

export default defineConfig({ test: { projects: piiriTestProjects() } });
