// Auth flood: how long other people's sign-ins take while one address guesses passwords. A real
// Piiri (HTTP, better-auth with scrypt, in-memory PGlite) in this process. SIGN_INS people sign
// in one after another, each once, timed — first quietly, then (other people, same count) while
// one address sends FLOOD_RATE wrong passwords a second at one account, as fast as they are
// answered (the reported case: 200 in 5 s made another person's sign-in take 24 s).
// Knobs: BENCH_AUTH_SIGN_INS (15), BENCH_AUTH_FLOOD_RATE (40).
import { performance } from "node:perf_hooks";
import { startTestPiiri, TestPerson } from "../src/testing/harness.ts";
import { uniqueEmail } from "../src/testing/scenario.ts";

const number = (name: string, fallback: number) => {
  const value = Number(process.env[`BENCH_AUTH_${name}`]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const SIGN_INS = number("SIGN_INS", 15);
const FLOOD_RATE = number("FLOOD_RATE", 40);
const PASSWORD = "bench-salasana-123";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Each account signs in once (so no account reaches its own limit), timed; failures counted. */
async function timedSignIns(
  base: string,
  emails: string[],
): Promise<{ times: number[]; failed: number }> {
  const times: number[] = [];
  let failed = 0;
  for (const email of emails) {
    const person = new TestPerson(base);
    const started = performance.now();
    try {
      const response = await person.post("/api/auth/sign-in/email", { email, password: PASSWORD });
      if (response.status !== 200) failed += 1;
    } catch {
      failed += 1; // no answer at all (the connection timed out)
    }
    times.push(performance.now() - started);
  }
  return { times: times.sort((a, b) => a - b), failed };
}

export default async function authBench(): Promise<void> {
  const started = performance.now();
  const piiri = await startTestPiiri();
  try {
    const emails: string[] = [];
    for (let i = 0; i < 2 * SIGN_INS + 1; i++) {
      const email = uniqueEmail(`auth${i}`);
      await new TestPerson(piiri.url).signUp(`Ohjaaja ${i}`, email, PASSWORD);
      emails.push(email);
    }
    const [target = "", ...others] = emails;
    const quiet = await timedSignIns(piiri.url, others.slice(0, SIGN_INS));

    const attacker = new TestPerson(piiri.url);
    const statuses = new Map<number, number>();
    let flooding = true;
    const guesses: Promise<void>[] = [];
    const flood = (async () => {
      while (flooding) {
        guesses.push(
          attacker
            .post("/api/auth/sign-in/email", { email: target, password: "arvattu-salasana" })
            .then(
              (response) => response.status,
              () => 0, // no answer
            )
            .then((status) => {
              statuses.set(status, (statuses.get(status) ?? 0) + 1);
            }),
        );
        await sleep(1000 / FLOOD_RATE);
      }
    })();
    await sleep(500);
    const loud = await timedSignIns(piiri.url, others.slice(SIGN_INS));
    flooding = false;
    await flood;
    await Promise.all(guesses);

    const fmt = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "NaN");
    const p50 = percentile(loud.times, 50);
    const p99 = percentile(loud.times, 99);
    const quiet50 = percentile(quiet.times, 50);
    const quiet99 = percentile(quiet.times, 99);
    console.log(
      [
        "BENCH auth",
        `sign_in_p50_ms=${fmt(p50)}`,
        `sign_in_p99_ms=${fmt(p99)}`,
        `quiet_p50_ms=${fmt(quiet50)}`,
        `quiet_p99_ms=${fmt(quiet99)}`,
        `ratio_p50=${(p50 / quiet50).toFixed(2)}`,
        `ratio_p99=${(p99 / quiet99).toFixed(2)}`,
        `sign_ins=${SIGN_INS}`,
        `sign_ins_failed=${loud.failed}`,
        `quiet_sign_ins_failed=${quiet.failed}`,
        `flood_rate_s=${FLOOD_RATE}`,
        `flood_sent=${guesses.length}`,
        ...[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, count]) => `flood_${status === 0 ? "no_answer" : status}=${count}`),
        `total_s=${((performance.now() - started) / 1000).toFixed(0)}`,
      ].join(" "),
    );
  } finally {
    await piiri.close();
  }
}
