import { performance } from 'node:perf_hooks';

export function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** "  name  1.84x  (target < 3x: met)" */
export function ratioLine(name: string, ratio: number, target: number, below = true): string {
  const met = below ? ratio < target : ratio > target;
  return `${name.padEnd(22)} ${ratio.toFixed(2)}x  (target ${below ? '<' : '>'} ${target}x: ${met ? 'met' : 'NOT MET'})`;
}
