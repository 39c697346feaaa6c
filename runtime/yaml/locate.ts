import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Diagnostic, Position } from '../diagnostics.ts';

/** A place in the text, 1-based: the workbook's one Position (runtime/diagnostics.ts). */
export type { Position };

/** A YAML syntax problem and where it is (always an error; the caller adds the file). */
export type YamlProblem = Pick<Diagnostic, 'line' | 'column' | 'message'>;

export interface LocateOptions {
  /**
   * Lines that come before the YAML text in its file, added to every line number. YAML
   * frontmatter starts on the line after `---`, so there it is the line number of that `---`.
   */
  lineOffset?: number;
}

export interface LocatedYaml {
  /** The document as plain data (`null` for an empty text); meaningful only when `errors` is empty. */
  value: unknown;
  /** Syntax errors, each with its position and the first line of the parser's message. */
  errors: YamlProblem[];
  /** Where a value is written: see {@link posOf}. */
  posOf: PosOf;
}

/**
 * Maps a data path (`['metrics', 1, 'direction']`) to where it is written: the start of its value,
 * or of its key when `atKey` is true (unknown fields) or when the value is empty. A path that is
 * not in the document gives its nearest existing parent, so a missing field points at the mapping
 * it is missing from.
 */
export type PosOf = (path: readonly (string | number)[], atKey?: boolean) => Position;

/**
 * Parses YAML text (the `yaml` package, YAML 1.2 core schema, always) and keeps the positions of its
 * values. A `%YAML` directive other than 1.2, an unknown tag or any parser warning is an error.
 */
export function locateYaml(text: string, options: LocateOptions = {}): LocatedYaml {
  const offset = options.lineOffset ?? 0;
  const lineCounter = new LineCounter();
  // The 1.2 core schema whatever the text says: a `%YAML 1.1` directive would otherwise switch the
  // parser to 1.1 rules, where `010` is 8 and `1:30` is 90. Such a directive is refused below.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, version: '1.2', schema: 'core' });
  const toPos = (index: number): Position => {
    const p = lineCounter.linePos(index);
    return { line: offset + p.line, column: p.col };
  };
  const firstLine = (m: string) => m.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  // Warnings (an unknown tag, an unsupported version) mean the data is not what the text seems to say.
  const errors: YamlProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({ ...toPos(e.pos[0]), message: firstLine(e.message) }));
  const directive = /^%YAML[ \t]+(\S+)/m.exec(text);
  if (directive && directive[1] !== '1.2') {
    errors.push({
      ...toPos(directive.index),
      message: `%YAML ${directive[1]}: this file is read as YAML 1.2 (core schema), where 010 is 10 and 1:30 is text, not 8 and 90; remove the %YAML line or write %YAML 1.2`,
    });
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);

  let value: unknown = null;
  if (!errors.length) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ ...toPos(0), message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Start of a node's text; undefined for an empty value (`key:` with nothing after it). */
  const startOf = (node: unknown): Position | undefined => {
    if (!isNode(node) || !(node as YamlNode).range) return undefined;
    if (isScalar(node) && node.value === null && node.source === '') return undefined;
    return toPos((node as YamlNode).range![0]);
  };

  const posOf: PosOf = (path, atKey = false) => {
    for (let n = path.length; n > 0; n--) {
      const here = path.slice(0, n);
      if (!(atKey && n === path.length)) {
        const at = startOf(doc.getIn(here, true));
        if (at) return at;
      }
      const parent = n > 1 ? doc.getIn(path.slice(0, n - 1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[n - 1]));
        const at = pair && startOf(pair.key);
        if (at) return at;
      } else if (isSeq(parent) && atKey) {
        const at = startOf(parent.items[Number(path[n - 1])]);
        if (at) return at;
      }
    }
    return startOf(doc.contents) ?? { line: offset + 1, column: 1 };
  };

  return { value, errors, posOf };
}
