import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec, migrateSpec, parseSpecValue, specJsonSchema, specJsonSchemaText } from '../../runtime/spec/index.ts';
import { locateYaml } from '../../runtime/yaml/locate.ts';

const SPECS = 'lessons/specs';
const exampleFiles = readdirSync(SPECS)
  .filter((f) => f.endsWith('.bench.yaml'))
  .sort();

/** Diagnostics as `line:col: message`, as the CLI prints them after the path. */
const problems = (text: string, file?: string) =>
  loadSpec(text, file).diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`);

const matmul = readFileSync(path.join(SPECS, 'matmul.bench.yaml'), 'utf8');
/** The matmul example with one exact piece of text replaced (fails loudly if the piece is not there). */
const edit = (from: string, to: string) => {
  if (!matmul.includes(from)) throw new Error(`matmul.bench.yaml no longer contains ${JSON.stringify(from)}`);
  return matmul.replace(from, to);
};
/** matmul's own target-ci line, whatever precision it asks for. */
const targetCiLine = `${matmul.split('\n').find((l) => l.trimStart().startsWith('target-ci:'))}\n`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('example specs', () => {
  it('the workbook ships the examples the lessons use', () => {
    expect(exampleFiles).toEqual(
      expect.arrayContaining([
        'vector-add.bench.yaml',
        'reduce-sum.bench.yaml',
        'matmul.bench.yaml',
        'mlp-inference.bench.yaml',
        'mnist-classifier.bench.yaml',
        'onnx-matmul.bench.yaml',
      ]),
    );
  });

  it.each(exampleFiles)('%s validates clean, names its file and points editors at the JSON Schema', (file) => {
    const text = readFileSync(path.join(SPECS, file), 'utf8');
    const { spec, diagnostics } = loadSpec(text, `${SPECS}/${file}`);
    expect(diagnostics).toEqual([]);
    expect(`${spec?.id}.bench.yaml`).toBe(file);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../runtime/spec/benchmark-spec.schema.json');
  });
});

describe('schema errors name the field, what was expected and the line', () => {
  it('a wrong enum value', () => {
    const text = edit('direction: higher', 'direction: down');
    expect(problems(text)).toEqual([`${lineOf(text, 'direction: down')}:16: metrics[1].direction: expected "lower" or "higher", got "down"`]);
  });

  it('an unknown field, at its key, with the field it probably meant', () => {
    const text = edit('min-samples: 20', 'min_samples: 20');
    expect(problems(text)).toEqual([
      `${lineOf(text, 'constraints:') + 1}:3: constraints.min-samples: missing; expected a whole number`,
      `${lineOf(text, 'min_samples')}:3: constraints.min_samples: unknown field; did you mean "min-samples"?`,
    ]);
  });

  it('an unknown top-level field lists the fields a spec has', () => {
    const text = `${matmul}extra: 1\n`;
    expect(problems(text)).toEqual([
      `${lineOf(text, 'extra: 1')}:1: extra: unknown field; a spec has version, id, title, description, parameters, task, infrastructure, datasets, metrics, constraints`,
    ]);
  });

  it('a task kind that does not exist, and a missing one', () => {
    const bad = edit('kind: kernel', 'kind: training');
    expect(problems(bad)).toEqual([
      `${lineOf(bad, 'kind: training')}:9: task.kind: expected one of "kernel", "inference", "evaluation", got "training"`,
    ]);
    const missing = edit('  kind: kernel\n', '');
    expect(problems(missing)).toEqual([
      `${lineOf(missing, 'operation: matmul')}:3: task.kind: missing; expected one of "kernel", "inference", "evaluation"`,
    ]);
  });

  it('a place that takes a number or a parameter', () => {
    const word = edit('size: ${n}', 'size: big');
    expect(problems(word)).toEqual([`${lineOf(word, 'size: big')}:9: task.size: expected a whole number or a parameter \${name}, got "big"`]);
    const negative = edit('size: ${n}', 'size: -3');
    expect(problems(negative)).toEqual([`${lineOf(negative, 'size: -3')}:9: task.size: expected at least 1, got -3`]);
    const partial = edit('variant: ${variant}', 'variant: x${variant}');
    expect(problems(partial)).toEqual([
      `${lineOf(partial, 'variant: x')}:12: task.variant: a parameter is written \${name}, as the whole value; got "x\${variant}"`,
    ]);
  });

  it('fields of the other task kind: the missing ones, then the unknown ones', () => {
    const text = edit('kind: kernel', 'kind: inference');
    const kind = lineOf(text, 'kind: inference');
    expect(problems(text)).toEqual([
      `${kind}:3: task.model: missing; expected one of "mlp", "mnist-mlp", "matmul" or a parameter \${name}`,
      `${kind}:3: task.batch: missing; expected a whole number or a parameter \${name}`,
      `${kind + 1}:3: task.operation: unknown field; task has kind, model, layers, size, batch, dtype`,
      `${kind + 2}:3: task.variant: unknown field; task has kind, model, layers, size, batch, dtype`,
    ]);
  });

  it('a parameter outside task and datasets', () => {
    const text = edit('min-samples: 20', 'min-samples: ${n}');
    expect(problems(text)).toEqual([
      `${lineOf(text, 'min-samples')}:16: constraints.min-samples: a parameter (\${n}) can stand only in task and datasets; write a whole number here`,
    ]);
  });

  it('an empty value and a value of the wrong type', () => {
    const empty = edit('unit: ms', 'unit:');
    expect(problems(empty)).toEqual([`${lineOf(empty, 'unit:')}:5: metrics[0].unit: expected text, got nothing`]);
    const task = matmul.replace(/task:\n( {2}.*\n)+/, 'task: matmul\n');
    expect(problems(task)).toEqual([`${lineOf(task, 'task: matmul')}:7: task: expected a mapping (field: value lines), got "matmul"`]);
  });

  it('an unknown record entry lists the known ones', () => {
    const text = edit('record: [adapter', 'record: [gpu-temp');
    expect(problems(text)).toEqual([
      `${lineOf(text, 'gpu-temp')}:12: infrastructure.record[0]: expected one of "adapter", "backend", "threads", "isolation", "timer-resolution", "user-agent", "host", got "gpu-temp"`,
    ]);
  });

  it('a parameter name that is not lowercase words, at its key', () => {
    const text = edit('  n:\n', '  N:\n');
    expect(problems(text)).toEqual([
      `${lineOf(text, '  N:')}:3: parameters.N: a parameter name is lowercase words joined by hyphens, like n or batch-size; got "N"`,
    ]);
  });

  it('a parameter of an unknown type', () => {
    const text = edit('type: integer', 'type: int');
    expect(problems(text)).toEqual([
      `${lineOf(text, 'type: int')}:11: parameters.n.type: expected one of "integer", "number", "choice", "boolean", got "int"`,
    ]);
  });
});

describe('versions', () => {
  it('a missing version asks for version: 2', () => {
    expect(problems(edit('version: 2\n', ''))).toEqual([
      '2:1: version: missing; add `version: 2` as the first line (the spec format this file is written in)',
    ]);
  });

  it('a newer version asks to update the workbook', () => {
    expect(problems(edit('version: 2', 'version: 3'))).toEqual([
      '2:10: version: this spec is version 3; this workbook reads up to 2: update the workbook',
    ]);
  });

  it('a version that is not a whole number', () => {
    expect(problems(edit('version: 2', 'version: one'))).toEqual([
      '2:10: version: expected a whole number from 1 (the current format is 2), got "one"',
    ]);
    expect(problems(edit('version: 2', 'version: 0'))).toEqual(['2:10: version: expected a whole number from 1 (the current format is 2), got 0']);
  });

  it('migrateSpec passes the current version through and refuses others', () => {
    expect(migrateSpec({ version: 2, id: 'x' })).toEqual({ value: { version: 2, id: 'x' }, notes: [] });
    expect(migrateSpec({ version: 3 })).toMatchObject({ error: expect.stringContaining('this spec is version 3') });
  });

  it('a version 1 spec (target-relative-iqr, max-relative-iqr) still loads: migrated to target-ci 0.01, with a warning for max-relative-iqr', () => {
    const v1 = edit('version: 2', 'version: 1').replace(targetCiLine, '  target-relative-iqr: 0.05\n  max-relative-iqr: 0.2\n');
    const { spec, diagnostics } = loadSpec(v1, 'matmul.bench.yaml');
    expect(spec?.version).toBe(2);
    expect(spec?.constraints['target-ci']).toBe(0.01);
    expect(spec?.constraints).not.toHaveProperty('target-relative-iqr');
    expect(spec?.constraints).not.toHaveProperty('max-relative-iqr');
    expect(diagnostics).toEqual([
      {
        line: lineOf(v1, 'max-relative-iqr'),
        column: 3,
        severity: 'warning',
        message: expect.stringMatching(/^constraints\.max-relative-iqr \(spec version 1\) is ignored: a noisy machine no longer makes a run INVALID/),
      },
    ]);
    // Without max-relative-iqr the migration is silent: same meaning, nothing to tell.
    expect(loadSpec(v1.replace('  max-relative-iqr: 0.2\n', ''), 'matmul.bench.yaml').diagnostics).toEqual([]);
    // Version 2 has no dispersion fields: they are unknown there.
    expect(problems(edit(targetCiLine, '  target-relative-iqr: 0.05\n'))[0]).toMatch(/constraints\.target-relative-iqr: unknown field/);
  });

  describe('results: version 1 listed what a record keeps; version 2 has no results section (the record is what a run writes)', () => {
    const v1 = edit('version: 2', 'version: 1').replace(targetCiLine, '  target-relative-iqr: 0.05\n');
    const withKeep = (list: string) => `${v1}results:\n  keep: ${list}\n`;

    it('a version 1 results.keep listing all four (what every record keeps) is dropped silently', () => {
      const { spec, diagnostics } = loadSpec(withKeep('[environment, statistics, warmup, samples]'), 'matmul.bench.yaml');
      expect(diagnostics).toEqual([]);
      expect(spec).toBeDefined();
      expect(spec).not.toHaveProperty('results');
    });

    it('a version 1 results.keep that leaves something out is dropped with a warning at its key naming what it left out', () => {
      const text = withKeep('[statistics]');
      const { spec, diagnostics } = loadSpec(text, 'matmul.bench.yaml');
      expect(spec).not.toHaveProperty('results');
      expect(diagnostics).toEqual([
        {
          line: lineOf(text, 'keep:'),
          column: 3,
          severity: 'warning',
          message:
            'results.keep: [statistics] (spec version 1) is dropped: every record keeps samples, warmup, statistics and environment whatever this list says (compare, the results wall and the verdict read them), ' +
            'so leaving out samples, warmup and environment changed nothing (without the environment, results from different machines could not be compared). Move the file to `version: 2` and delete the results section.',
        },
      ]);
      // Items no record could keep (version 1 refused them) are named too, and the spec still loads.
      expect(problems(withKeep('[samples, warmup, statistics, environment, seed]'), 'matmul.bench.yaml')).toEqual([
        expect.stringMatching(/^\d+:3: warning: results\.keep: .*so seed is not something a record keeps/),
      ]);
      expect(problems(`${v1}results: nothing\n`, 'matmul.bench.yaml')).toEqual([
        expect.stringMatching(/^\d+:1: warning: results \(spec version 1\) is dropped: version 2 has no results section/),
      ]);
    });

    it('a version 2 spec with results is an error at its key that says why and what to do', () => {
      const text = `${matmul}results:\n  keep: [samples, warmup, statistics, environment]\n`;
      const { spec, diagnostics } = loadSpec(text, 'matmul.bench.yaml');
      expect(spec).toBeUndefined();
      expect(diagnostics).toEqual([
        {
          line: lineOf(text, 'results:'),
          column: 1,
          severity: 'error',
          message: expect.stringMatching(
            /^results: spec version 2 has no results section: .*Delete the results section; to choose what a record says about where it ran, use infrastructure\.record\.$/,
          ),
        },
      ]);
      // Data that is not YAML (a spec inside a record) is refused the same way.
      expect(parseSpecValue({ ...loadSpec(matmul).spec, results: { keep: ['samples'] } }).diagnostics).toEqual([
        expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^results: spec version 2 has no results section/) }),
      ]);
    });

    it('the JSON Schema for editors has no results section', () => {
      expect(Object.keys((specJsonSchema() as { properties: object }).properties)).not.toContain('results');
    });
  });

  it('target-ci: default 0.01, above 0 and at most 0.5', () => {
    expect(loadSpec(edit(targetCiLine, ''), 'matmul.bench.yaml').spec?.constraints['target-ci']).toBe(0.01);
    expect(problems(edit(targetCiLine, '  target-ci: 0\n'))[0]).toMatch(/constraints\.target-ci/);
    expect(problems(edit(targetCiLine, '  target-ci: 0.6\n'))[0]).toMatch(/constraints\.target-ci/);
  });

  it('parseSpecValue checks data that is not YAML (a spec inside a result record)', () => {
    const { spec } = loadSpec(matmul);
    const again = parseSpecValue(JSON.parse(JSON.stringify(spec)));
    expect(again.diagnostics).toEqual([]);
    expect(again.spec).toEqual(spec);
    expect(parseSpecValue({ ...spec, version: undefined }).diagnostics[0]).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringContaining('version: missing'),
    });
  });
});

describe('YAML that does not parse', () => {
  it('gives the position of the syntax error', () => {
    expect(problems('version: 1\nid: [a, b\ntitle: x\n')).toEqual([expect.stringMatching(/^3:\d+: not valid YAML: /)]);
    const text = edit('  dtype: float32\n', '  dtype: float32\n  dtype: float32\n');
    expect(problems(text)).toEqual([`${lineOf(text, 'dtype') + 1}:3: not valid YAML: Map keys must be unique`]);
  });

  it('says to quote a ${name} inside [ ] or { }', () => {
    const text = edit('["${n}", "${n}"]', '[${n}, ${n}]');
    const line = lineOf(text, '[${n}, ${n}]');
    const hint = '; inside [ ] or { }, quote a parameter ("${n}") or write one item per line';
    expect(problems(text)).toEqual([
      `${line}:57: not valid YAML: Missing , or : between flow sequence items${hint}`,
      `${line}:63: not valid YAML: Missing , or : between flow sequence items${hint}`,
    ]);
  });

  it('an empty file, a list, a single value', () => {
    const empty =
      '1:1: the spec is empty; a spec starts with `version: 2` and then id, title, description, task, infrastructure, datasets, metrics, constraints';
    expect(problems('')).toEqual([empty]);
    expect(problems('# only a comment\n')).toEqual([empty]);
    expect(problems('- a\n- b\n')).toEqual(['1:1: a spec is a mapping of `field: value` lines, not a list']);
    expect(problems('hello\n')).toEqual(['1:1: a spec is a mapping of `field: value` lines, not a single value']);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['\t\t', ': :', '{', '&a [*a]', 'version: 1\nid: *nope\n', '---\n---\n', '\u0000', 'a: !!binary xyz']) {
      expect(() => loadSpec(text)).not.toThrow();
      expect(loadSpec(text).spec).toBeUndefined();
    }
  });
});

describe('locateYaml', () => {
  const text = 'a:\n  b: 1\n  c:\n  list:\n    - x\n    - y\n';
  const { value, posOf, errors } = locateYaml(text);

  it('parses and maps a path to its value', () => {
    expect(errors).toEqual([]);
    expect(value).toEqual({ a: { b: 1, c: null, list: ['x', 'y'] } });
    expect(posOf(['a', 'b'])).toEqual({ line: 2, column: 6 });
    expect(posOf(['a', 'list', 1])).toEqual({ line: 6, column: 7 });
  });

  it('gives the key when asked, or when the value is empty', () => {
    expect(posOf(['a', 'b'], true)).toEqual({ line: 2, column: 3 });
    expect(posOf(['a', 'c'])).toEqual({ line: 3, column: 3 });
  });

  it('falls back to the nearest existing parent', () => {
    expect(posOf(['a', 'missing'])).toEqual({ line: 2, column: 3 });
    expect(posOf(['a', 'list', 7])).toEqual({ line: 5, column: 5 });
    expect(posOf(['nothing', 'here'])).toEqual({ line: 1, column: 1 });
  });

  it('adds a line offset (frontmatter after ---) to values and errors', () => {
    const shifted = locateYaml(text, { lineOffset: 10 });
    expect(shifted.posOf(['a', 'b'])).toEqual({ line: 12, column: 6 });
    expect(locateYaml('a: [1\n', { lineOffset: 10 }).errors[0]).toMatchObject({ line: 12 });
  });

  it('reads YAML 1.2 core whatever a %YAML directive says, and refuses a 1.1 directive where it is written', () => {
    expect(locateYaml('seed: 010\nt: 1:30\n').value).toEqual({ seed: 10, t: '1:30' });
    const old = locateYaml('# a comment\n%YAML 1.1\n---\nseed: 010\nt: 1:30\n');
    expect(old.errors).toEqual([
      expect.objectContaining({ line: 2, column: 1, message: expect.stringContaining('%YAML 1.1: this file is read as YAML 1.2') }),
    ]);
    expect(locateYaml('%YAML 1.2\n---\nseed: 010\n')).toMatchObject({ errors: [], value: { seed: 10 } });
  });

  it('an unknown tag is an error, not a silent string', () => {
    expect(locateYaml('a: 1\nb: !weird 3\n').errors).toEqual([
      expect.objectContaining({ line: 2, column: 4, message: expect.stringContaining('Unresolved tag') }),
    ]);
  });

  it('a spec under %YAML 1.1 fails to load with the located reason, never with seed 8', () => {
    const text = edit('version: 2\n', '%YAML 1.1\n---\nversion: 2\n').replace('seed: 42', 'seed: 052');
    const line = lineOf(text, '%YAML');
    expect(problems(text)).toEqual([expect.stringMatching(new RegExp(`^${line}:1: not valid YAML: %YAML 1.1`))]);
  });
});

describe('JSON Schema for editors', () => {
  it('the committed file is what schema.ts generates (regenerate: see runtime/spec/json-schema.ts)', () => {
    expect(readFileSync('runtime/spec/benchmark-spec.schema.json', 'utf8')).toBe(specJsonSchemaText());
  });

  it('describes every field, so an editor can say what to write', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && typeof n.properties === 'object') {
        for (const [key, child] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          if (typeof child.description !== 'string' || !child.description) undocumented.push(`${at}.${key}`);
          walk(child, `${at}.${key}`);
        }
      }
      for (const k of ['items', 'additionalProperties', 'anyOf', 'oneOf']) {
        const v = n[k];
        if (Array.isArray(v)) v.forEach((x) => walk(x, at));
        else walk(v, at);
      }
    };
    walk(specJsonSchema(), 'spec');
    expect(undocumented).toEqual([]);
  });

  it('is draft 7, strict, and does not require fields that have defaults', () => {
    const schema = specJsonSchema() as { $schema: string; required: string[]; additionalProperties: boolean };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toContain('version');
    expect(schema.required).not.toContain('parameters');
  });
});
