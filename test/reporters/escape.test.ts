// Property-based: for any string, decoding what the escape functions produce gives the string
// back, up to the characters XML cannot carry at all.
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { suite } from 'uvu';
import { escapeData, escapeProperty, neutralize } from '../../reporters/workflow.ts';
import { cdata, xmlAttr, xmlSafe, xmlText } from '../../reporters/xml.ts';
import { decodeLine } from '../support/workflow-decoder.ts';

const test = suite('escaping (property-based)');
// Every UTF-16 code unit, lone surrogates included, with the troublemakers made likely.
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", ']', ']]>', '%', '\r', '\n', '\t', ':', ',', '#', '##[', '::', '\u0000', '\ud800', '\udc00', '\uffff', 'a'), maxLength: 40 }),
);
// A fixed seed keeps CI deterministic; FC_SEED=... explores other inputs.
const RUNS = { seed: Number(process.env.FC_SEED ?? 20261126) };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true, trimValues: false, parseTagValue: false, parseAttributeValue: false, cdataPropName: '#cdata' });

test('XML: an attribute, element text and CDATA decode to the string, less what XML cannot carry', () => {
  fc.assert(
    fc.property(anyString, (s) => {
      const doc = parser.parse(`<r><a v="${xmlAttr(s)}">${xmlText(s)}</a><c>${cdata(s)}</c></r>`) as { r: { a: { v: string; '#text'?: string } | string; c: { '#cdata'?: string | string[] } | string } };
      const expected = xmlSafe(s);
      const a = doc.r.a;
      const attr = typeof a === 'string' ? '' : a.v;
      const text = typeof a === 'string' ? a : (a['#text'] ?? '');
      const c = doc.r.c;
      const cdataText = typeof c === 'string' ? c : [c['#cdata'] ?? ''].flat().join('');
      return attr === expected && text === expected.replace(/\r\n?/g, '\n') && cdataText === expected.replace(/\r\n?/g, '\n');
    }),
    { ...RUNS, numRuns: 500 },
  );
});

/** Read consecutive CDATA sections as an XML parser does: each ends at its first "]]>". */
function readCdataSections(xml: string): string | undefined {
  let out = '';
  let rest = xml;
  while (rest.length) {
    if (!rest.startsWith('<![CDATA[')) return undefined;
    const end = rest.indexOf(']]>');
    if (end === -1) return undefined;
    out += rest.slice('<![CDATA['.length, end);
    rest = rest.slice(end + 3);
  }
  return out;
}

test('XML: no forbidden character, no raw "<", and CDATA sections that end where they should', () => {
  fc.assert(
    fc.property(anyString, (s) => {
      const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
      return !forbidden.test(xmlAttr(s) + xmlText(s) + cdata(s)) && !/[<"]/.test(xmlAttr(s)) && !xmlText(s).includes('<') && readCdataSections(cdata(s)) === xmlSafe(s);
    }),
    { ...RUNS, numRuns: 1000 },
  );
});

test('workflow commands: the runner decodes data and properties back to the string (legacy syntax neutralized)', () => {
  fc.assert(
    fc.property(anyString, anyString, (msg, file) => {
      const line = `::error file=${escapeProperty(neutralize(file))},title=t::${escapeData(neutralize(msg))}`;
      const cmd = decodeLine(line);
      return cmd !== undefined && cmd !== 'legacy' && cmd.data === neutralize(msg) && cmd.properties.file === neutralize(file) && !/[\r\n]/.test(line);
    }),
    { ...RUNS, numRuns: 1000 },
  );
});

test('workflow commands: neutralize leaves no "##[" and only adds invisible characters', () => {
  fc.assert(
    fc.property(anyString, (s) => {
      const n = neutralize(s);
      return !n.includes('##[') && n.replace(/\u200b/g, '') === s.replace(/\u200b/g, '');
    }),
    { ...RUNS, numRuns: 500 },
  );
});

test.run();
