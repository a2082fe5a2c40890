import { defineConfig } from "vitest/config";
import { piiriTestProjects } from "./src/testing/vitest.ts";

export default defineConfig({ test: { projects: piiriTestProjects() } });
