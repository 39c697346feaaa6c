import { cleanText } from './text.ts';

/**
 * CSV as spreadsheets and LMS importers read it (RFC 4180): fields with a comma or a quote are quoted,
 * quotes doubled; lines end in CRLF. Every text field is cleaned first (text.ts: control characters,
 * line breaks, bidi and zero-width characters removed, at most 200 characters). A free-text field that
 * starts with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula (OWASP's CSV
 * injection advice). Identifier columns (learner ids, logins, e-mails) are kept verbatim when they are
 * made of id characters only (letters, digits, . _ @ + -): an LMS import matches them exactly, and
 * without = ( " they cannot call a function (docs/classroom/README.md: import them as text).
 */

/** Characters an identifier cell may hold and still be written verbatim. */
const SAFE_ID = /^[A-Za-z0-9._@+-]+$/;

export function csvField(value: string | number, identifier = false): string {
  // Identifiers (ids, links) are cut only at 2,000 characters: a link cut short would not open.
  let text = typeof value === 'number' ? String(value) : cleanText(value, identifier ? 2000 : undefined);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !(identifier && SAFE_ID.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV; `idColumns` are the indexes of identifier columns (written verbatim when safe). */
export function toCsv(rows: readonly (readonly (string | number)[])[], idColumns: readonly number[] = []): string {
  return `${rows.map((r) => r.map((v, k) => csvField(v, idColumns.includes(k))).join(',')).join('\r\n')}\r\n`;
}

export interface CsvRow {
  /** The line the row starts on (1-based). */
  line: number;
  fields: string[];
}

/** Parses CSV text; throws an Error naming the line of an unterminated quote. A BOM is skipped, blank lines are left out. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let field = '';
  let fields: string[] = [];
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) throw new Error(`line ${quoteLine}: a quoted field is never closed (a " is missing)`);
  if (field !== '' || fields.length) endRow();
  return rows;
}
