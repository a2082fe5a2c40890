#!/usr/bin/env node
// `npm start` and `npm test` for a machine that has only Node and npm: fetches the pinned pnpm
// through npx when it is missing, installs, builds, then starts Piiri or runs every test.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, "");
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  DO_NOT_TRACK: "1",
};

function say(message) {
  process.stderr.write(`\n▸ ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) process.exit(status);
}

function checkNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19) || major === 21 || (major === 22 && minor < 12)) {
    console.error(`Piiri needs Node ^20.19 or >=22.12; this is ${process.versions.node}.`);
    process.exit(1);
  }
}

/** The pinned pnpm: the one on PATH if it is that version, else through npx. */
function pnpmCommand() {
  const local = spawnSync("pnpm", ["--version"], { env, encoding: "utf8" });
  if (local.status === 0 && local.stdout.trim() === pnpmVersion) return ["pnpm", []];
  return ["npx", ["--yes", `pnpm@${pnpmVersion}`]];
}

function pnpm(args) {
  const [command, prefix] = pnpmCommand();
  must(command, [...prefix, ...args]);
}

function install() {
  say(`Installing dependencies (pnpm ${pnpmVersion})`);
  pnpm(["install", "--frozen-lockfile"]);
}

function build() {
  say("Building Piiri");
  pnpm(["exec", "turbo", "run", "build", "--output-logs=errors-only"]);
}

function playwrightBrowserCached() {
  const cache = env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), ".cache", "ms-playwright");
  return existsSync(cache) && readdirSync(cache).some((name) => name.startsWith("chromium"));
}

/** Finds a Chromium for the end-to-end tests, installing one if this machine allows it. */
function ensureBrowser() {
  if (env.PIIRI_CHROMIUM_PATH || existsSync("/usr/bin/chromium") || playwrightBrowserCached())
    return;
  say("No Chromium found for the end-to-end tests: trying Playwright's own download");
  const [command, prefix] = pnpmCommand();
  if (
    run(command, [
      ...prefix,
      "--filter",
      "@piiri/e2e",
      "exec",
      "playwright",
      "install",
      "chromium",
    ]) === 0
  ) {
    return;
  }
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    say("Installing Debian's chromium with apt-get");
    const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
    if (
      run("apt-get", ["update", "-qq"], { env: aptEnv }) === 0 &&
      run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], {
        env: aptEnv,
      }) === 0
    ) {
      return;
    }
  }
  console.error(
    "No Chromium for the end-to-end tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`, " +
      "or `npx playwright install chromium`), or set PIIRI_CHROMIUM_PATH to a Chromium binary.",
  );
  process.exit(1);
}

function start() {
  install();
  build();
  say("Starting Piiri (embedded database in ./.data; Ctrl-C stops it)");
  const api = join(root, "apps", "api", "dist", "main.js");
  must(process.execPath, ["--enable-source-maps", api]);
}

function test() {
  install();
  ensureBrowser();
  rmSync(join(root, ".tmp", "test-results"), { recursive: true, force: true });
  say("Lint, typecheck, unit and integration tests, build");
  pnpm([
    "exec",
    "turbo",
    "run",
    "lint",
    "typecheck",
    "test",
    "build",
    "--concurrency=2",
    "--output-logs=new-only",
  ]);
  say("End-to-end tests in Chromium");
  pnpm(["--filter", "@piiri/e2e", "e2e"]);
  must(process.execPath, [join(root, "scripts", "test-summary.mjs")]);
}

/**
 * The unit and integration tests again with the system clock moved years ahead (Debian's
 * `faketime`), to prove no test depends on today's date. Their reports join the first run's
 * under .tmp/test-results/clock-ahead, and the closing line counts both runs.
 */
function testClockAhead() {
  const offset = process.argv[3] ?? "+1200d";
  if (spawnSync("faketime", ["-f", "+0d", "true"], { env }).status !== 0) {
    console.error(
      "`faketime` is needed to move the clock (Debian/Ubuntu: `sudo apt-get install faketime`).",
    );
    process.exit(1);
  }
  install();
  const results = join(root, ".tmp", "test-results");
  const kept = join(root, ".tmp", "test-results-now");
  rmSync(kept, { recursive: true, force: true });
  if (existsSync(results)) renameSync(results, kept);
  else mkdirSync(kept, { recursive: true });
  say(`Unit and integration tests with the clock moved ${offset} (faketime)`);
  const [command, prefix] = pnpmCommand();
  const status = run(
    "faketime",
    [
      "-f",
      offset,
      command,
      ...prefix,
      "exec",
      "turbo",
      "run",
      "test",
      "--concurrency=2",
      "--output-logs=new-only",
    ],
    {
      env: { ...env, FAKETIME_DONT_FAKE_MONOTONIC: "1" },
    },
  );
  if (existsSync(results)) renameSync(results, join(kept, "clock-ahead"));
  renameSync(kept, results);
  const summary = run(process.execPath, [join(root, "scripts", "test-summary.mjs")]);
  process.exit(status !== 0 ? status : summary);
}

checkNode();
const command = process.argv[2];
if (command === "start") start();
else if (command === "test") test();
else if (command === "test-clock-ahead") testClockAhead();
else {
  console.error("usage: node scripts/piiri.mjs start|test|test-clock-ahead [+Nd]");
  process.exit(2);
}
