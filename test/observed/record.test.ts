import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTime } from '../../src/observed/record.ts';

const test = suite('record times');

test('ISO 8601: the common shape by hand, the rest through Date.parse, impossible dates refused', () => {
  const cases: [unknown, number | undefined][] = [
    ['2026-11-20T10:00:00Z', Date.UTC(2026, 10, 20, 10)],
    ['2026-11-20T10:00:00.123Z', Date.UTC(2026, 10, 20, 10, 0, 0, 123)],
    ['2026-11-20T10:00:00+01:00', Date.UTC(2026, 10, 20, 9)],
    ['2026-11-20', Date.UTC(2026, 10, 20)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['2026-02-29T00:00:00Z', undefined],
    ['2100-02-29T00:00:00Z', undefined],
    ['2026-04-31T00:00:00Z', undefined],
    ['2026-13-01T00:00:00Z', undefined],
    ['2026-11-20T24:00:00Z', undefined],
    ['2026-1a-20T10:00:00Z', undefined],
    ['2026-11-2 T10:00:00Z', undefined],
    ['yesterday', undefined],
    [1795600000, 1795600000000],
    [1795600000000, 1795600000000],
    [1795600000000000, 1795600000000],
    [-1, undefined],
    [Number.NaN, undefined],
    [true, undefined],
  ];
  for (const [input, expected] of cases) assert.is(parseTime(input), expected, JSON.stringify(input));
});

test.run();
