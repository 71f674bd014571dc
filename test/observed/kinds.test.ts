// The whole classification and compatibility table, spelled out.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admits, kindOf, VALUE_KINDS, type ValueKind } from '../../src/observed/kinds.ts';
import { TYPE_NAMES, type TypeName } from '../../src/plan/types.ts';

const test = suite('value kinds');

const CASES: [unknown, ValueKind][] = [
  [0, 'integer'],
  [-7, 'integer'],
  [1e21, 'integer'],
  [12.99, 'number'],
  [-0.5, 'number'],
  [true, 'boolean'],
  [false, 'boolean'],
  [null, 'null'],
  [undefined, 'null'],
  [[], 'array'],
  [['a', 1], 'array'],
  [{}, 'object'],
  [{ a: 1 }, 'object'],
  ['', 'empty-string'],
  ['12.99', 'numeric-string'],
  ['-3', 'numeric-string'],
  ['0', 'numeric-string'],
  ['1e5', 'numeric-string'],
  ['007', 'string'], // leading zeros: an id, not a number
  ['12,99', 'string'],
  [' 12', 'string'],
  ['12 ', 'string'],
  ['NaN', 'string'],
  ['Infinity', 'string'],
  ['true', 'boolean-string'],
  ['false', 'boolean-string'],
  ['TRUE', 'boolean-string'],
  ['False', 'boolean-string'],
  ['yes', 'string'],
  ['truey', 'string'],
  ['2026-11-20', 'datetime-string'],
  ['2026-11-20T10:00:00Z', 'datetime-string'],
  ['2026-11-20T10:00:00.123+01:00', 'datetime-string'],
  ['2026-11-20 10:00', 'datetime-string'],
  ['2026-13-20', 'string'],
  ['2026-11-20T25:00:00Z', 'string'],
  ['20261120', 'numeric-string'],
  ['N/A', 'string'],
  ['a||b', 'string'],
  ['-', 'string'],
];

test('kindOf: every kind, and the strings that must not be mistaken', () => {
  for (const [value, kind] of CASES) assert.is(kindOf(value), kind, `kindOf(${JSON.stringify(value)})`);
  assert.equal(new Set(CASES.map(([, k]) => k)), new Set(VALUE_KINDS)); // the table covers every kind
});

// For each planned type: the kinds it admits in a typed source, then in a string-typed one.
const ADMITTED: Record<TypeName, [ValueKind[], ValueKind[]]> = {
  string: [
    ['string', 'numeric-string', 'boolean-string', 'datetime-string', 'empty-string'],
    ['string', 'numeric-string', 'boolean-string', 'datetime-string', 'empty-string'],
  ],
  number: [['integer', 'number'], ['integer', 'number', 'numeric-string']],
  integer: [['integer'], ['integer', 'numeric-string']],
  boolean: [['boolean'], ['boolean', 'boolean-string']],
  array: [['array'], ['array', 'string', 'numeric-string', 'boolean-string', 'datetime-string', 'empty-string']],
  object: [['object'], ['object']],
  null: [['null'], ['null']],
};

test('admits: the full table of planned type x kind x typed', () => {
  for (const type of TYPE_NAMES) {
    for (const [i, typed] of [true, false].entries()) {
      const expected = new Set(ADMITTED[type][i]);
      for (const kind of VALUE_KINDS) {
        assert.is(admits([type], kind, typed), expected.has(kind), `${type} ${typed ? 'typed' : 'string-typed'} ${kind}`);
      }
    }
  }
});

test('admits: a list of types admits the union', () => {
  assert.ok(admits(['string', 'null'], 'null', true));
  assert.ok(admits(['number', 'boolean'], 'boolean', true));
  assert.not.ok(admits(['number', 'boolean'], 'string', true));
});

test.run();
