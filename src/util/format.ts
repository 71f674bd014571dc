// Numbers as messages and reports show them.

export const count = (n: number): string => n.toLocaleString('en-US');

export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

/** 0.0391 -> "3.9%"; never rounds a non-zero share to 0% or a partial one to 100%. */
export function pct(rate: number): string {
  if (rate > 0 && rate < 0.001) return '<0.1%';
  if (rate < 1 && rate > 0.999) return '>99.9%';
  return `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** A coverage share rounded down, so coverage is never overstated: 0.8947 -> "89.4%". */
export function coveragePct(rate: number | null): string {
  return rate === null ? 'n/a' : `${(Math.floor(rate * 1000) / 10).toFixed(1)}%`;
}

/** A rule doc's first sentence, for one-line listings. */
export function firstSentence(text: string): string {
  return /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
}
