import { cpus, loadavg, totalmem } from 'node:os';

/** One line naming the machine, for results tables; the load average says how busy it was. */
export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}, load ${loadavg()[0].toFixed(1)}`;
}

/** Median and 99th percentile of a sample, in the sample's units. */
export function stats(values: number[]): { median: number; p99: number; mean: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}
