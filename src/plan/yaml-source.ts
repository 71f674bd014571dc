// A YAML file read for the plan or the config: its text, its document, and the way from a JSON
// path back to the line and column of the node it names.
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic, Position } from '../errors.ts';

export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export function positionAt(src: Pick<YamlSource, 'file' | 'lines'>, offset: number): Position {
  const { line, col } = src.lines.linePos(offset);
  return { file: src.file, line, column: col };
}

export function nodePosition(src: YamlSource, node: Node | null | undefined): Position {
  const offset = node?.range?.[0];
  return offset === undefined ? { file: src.file, line: 1, column: 1 } : positionAt(src, offset);
}

/** A short excerpt of the text around a position, with a caret under the column. */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.split(/\r\n|\r|\n/);
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const content = (lines[n - 1] ?? '').replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
    const shown = content.length > 160 ? content.slice(0, 160) + '…' : content;
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${shown}`);
    if (n === line && column <= 161) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}

export function diagnosticAt(src: YamlSource, position: Position, message: string): Diagnostic {
  return { message, position, frame: codeFrame(src.text, position.line, position.column) };
}

/** Decode bytes as UTF-8 text, or say where the first byte that is not UTF-8 is. */
export function decodeUtf8(
  file: string,
  bytes: Uint8Array,
): { text: string } | { error: Diagnostic } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    if (text.includes('\u0000')) {
      const before = text.slice(0, text.indexOf('\u0000'));
      return { error: { message: 'file is not UTF-8 text (it holds NUL bytes)', position: endOf(file, before) } };
    }
    return { text };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    return {
      error: {
        message: `file is not UTF-8 text (invalid byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')})`,
        position: endOf(file, before),
      },
    };
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte -> continuation count and the allowed range of the first continuation byte
    // (which rules out overlong forms, surrogates and code points past U+10FFFF).
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (k === 1 ? d < lo || d > hi : (d & 0xc0) !== 0x80)) return i;
    }
    i += need + 1;
  }
  return b.length;
}

function endOf(file: string, before: string): Position {
  const lines = before.split(/\r\n|\r|\n/);
  return { file, line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

export type ReadResult = { source: YamlSource; value: unknown } | { errors: Diagnostic[] };

/**
 * Read and parse one YAML file. Syntax errors, duplicate keys, alias bombs, bad encodings and
 * empty files come back as diagnostics with positions, never as exceptions.
 */
export function readYaml(file: string, displayName: string): ReadResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    return { errors: [{ message: `cannot read ${displayName}: ${why}` }] };
  }
  const decoded = decodeUtf8(displayName, bytes);
  if ('error' in decoded) return { errors: [decoded.error] };
  const text = decoded.text.replace(/^\ufeff/, '');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true, keepSourceTokens: false });
  const source: YamlSource = { file: displayName, text, doc, lines };
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => {
        const message = e.code === 'DUPLICATE_KEY' ? duplicateKeyMessage(source, e.pos[0]) : cleanYamlMessage(e.message);
        return diagnosticAt(source, positionAt(source, e.pos[0]), message);
      }),
    };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { errors: [diagnosticAt(source, { file: displayName, line: 1, column: 1 }, 'file is empty: expected a YAML mapping')] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    let at: Node | undefined;
    visit(doc, { Alias(_, node) { at ??= node; return visit.BREAK; } });
    const message = /alias/i.test((e as Error).message)
      ? 'too many YAML alias expansions (possible "billion laughs" alias bomb); the limit is 100'
      : cleanYamlMessage((e as Error).message);
    return { errors: [diagnosticAt(source, nodePosition(source, at), message)] };
  }
  return { source, value };
}

function cleanYamlMessage(message: string): string {
  // yaml appends " at line L, column C" to some messages; we print the position ourselves.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

function duplicateKeyMessage(src: YamlSource, offset: number): string {
  // Name the key and where it was first defined.
  let dup: string | undefined;
  let first: Position | undefined;
  visit(src.doc, {
    Map(_, map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const k = String(pair.key.value);
        const prev = seen.get(k);
        if (prev && pair.key.range?.[0] === offset) {
          dup = k;
          first = nodePosition(src, prev);
          return visit.BREAK;
        }
        if (!prev) seen.set(k, pair.key);
      }
      return undefined;
    },
  });
  return dup !== undefined && first
    ? `duplicate key "${dup}" (first defined at line ${first.line})`
    : 'duplicate key';
}

/**
 * The node a JSON pointer (as ajv reports it) names. With `key`, the position of the last
 * segment's key rather than its value: for errors about a key itself.
 */
export function nodeAtPath(src: YamlSource, pointer: string, key = false): Node | undefined {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = src.doc.contents;
  let last: Node | undefined = node as Node;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return last;
      if (key && i === segments.length - 1) return pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node)) {
      node = node.items[Number(seg)];
    } else {
      return last;
    }
    if (node) last = node as Node;
  }
  return last;
}

/** The key node of `name` inside the map at `pointer`. */
export function keyNode(src: YamlSource, pointer: string, name: string): Node | undefined {
  const map = nodeAtPath(src, pointer);
  if (!isMap(map)) return map;
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
  return (pair?.key as Node | undefined) ?? map;
}
