import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { closest, didYouMean, editDistance } from '../../src/util/similar.ts';
import { truncate, visible } from '../../src/util/visible.ts';

const test = suite('text utilities');

test('editDistance', () => {
  assert.is(editDistance('kitten', 'sitting'), 3);
  assert.is(editDistance('', 'abc'), 3);
  assert.is(editDistance('same', 'same'), 0);
  assert.is(editDistance('abcdef', 'uvwxyz', 2), 3); // bounded: stops past max
  assert.is(editDistance('fiel', 'file'), 1); // a transposition is one edit
});

test('closest and didYouMean: close typos only', () => {
  assert.is(closest('evnts', ['version', 'events', 'rules']), 'events');
  assert.is(closest('EVENTS', ['events']), 'events');
  assert.is(closest('zzzzzz', ['events', 'rules']), undefined);
  assert.is(didYouMean('--plna', ['--plan', '--source']), ' (did you mean "--plan"?)');
  assert.is(didYouMean('x', ['events']), '');
});

test('visible: control characters, escapes, bidi and lone surrogates are shown, not interpreted', () => {
  assert.is(visible('a\nb\r\tc'), 'a\\nb\\r\\tc');
  assert.is(visible('\x1b[31mred'), '\\x1b[31mred');
  assert.is(visible('\u0000\u007f\u009b'), '\\x00\\x7f\\x9b');
  assert.is(visible('abc\u202edef'), 'abc\\u202edef');
  assert.is(visible('x\ud800y'), 'x\\ud800y');
  assert.is(visible('x\udc00'), 'x\\udc00');
  assert.is(visible('emoji 😀 ok, é'), 'emoji 😀 ok, é');
});

test('truncate keeps surrogate pairs whole', () => {
  assert.is(truncate('abcdef', 10), 'abcdef');
  assert.is(truncate('abcdef', 4), 'abc…');
  assert.is(truncate('ab😀cd', 4), 'ab…');
});

test.run();
