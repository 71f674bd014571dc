// XML 1.0 text from untrusted strings. ESLint's and Spectral's JUnit formatters pass forbidden
// characters through (or write them as &#N;, which is just as forbidden); these do not.

// Characters XML 1.0 cannot carry at all, even as references: C0 controls other than tab, line
// feed and carriage return, U+FFFE, U+FFFF, and lone surrogates.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replace what XML cannot carry with U+FFFD. */
export function xmlSafe(s: string): string {
  return s.replace(FORBIDDEN, '\ufffd');
}

/** Element content. */
export function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An attribute value, quoted with ". Tab, line feed and carriage return are written as character
 * references: raw, a parser would normalise them to spaces.
 */
export function xmlAttr(s: string): string {
  return xmlSafe(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** A CDATA section; every "]]>" inside is split across two sections. */
export function cdata(s: string): string {
  return `<![CDATA[${xmlSafe(s).replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
}
