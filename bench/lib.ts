export interface BenchContext {
  name: string;
  size: number | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  machine: string;
}

export interface BenchModule {
  run(ctx: BenchContext): Promise<Record<string, string | number>>;
}

/** Runs fn n times, one after another, and returns latency percentiles in milliseconds. */
export async function timeIt(n: number, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;
  return {
    p50: round(pct(50)),
    p95: round(pct(95)),
    max: round(samples[samples.length - 1]!),
    perSecond: round((n / total) * 1000),
  };
}

export const round = (x: number) => Math.round(x * 10) / 10;
