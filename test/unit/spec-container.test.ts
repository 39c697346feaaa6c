import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../runtime/spec/load.ts';

// infrastructure.container.image: a spec pins its container image by digest; a tag alone can be moved.
const base = readFileSync('lessons/specs/copy-bandwidth.bench.yaml', 'utf8');
const withImage = (image: string) => base.replace(/( {2}record: \[[^\]]*\]\n)/, `$1  container:\n    image: ${image}\n`);
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const errors = (text: string) => loadSpec(text).diagnostics.filter((d) => d.severity === 'error');

describe('a spec that pins its container image', () => {
  it('takes name@sha256:<64 hex>, with a registry, a port and a tag before the digest', () => {
    for (const image of [`python@${DIGEST}`, `ghcr.io/org/bench:1.2@${DIGEST}`, `registry.example.org:5000/team/img@${DIGEST}`])
      expect(errors(withImage(image)), image).toEqual([]);
  });
  it('refuses a tag alone, a short or upper-case digest, and says where and why', () => {
    for (const image of ['python:3.12', 'ghcr.io/org/bench:latest', `python@sha256:${'ab'.repeat(31)}`, `python@sha256:${'AB'.repeat(32)}`]) {
      const found = errors(withImage(image));
      expect(found, image).toHaveLength(1);
      expect(found[0]!.message).toMatch(/infrastructure\.container\.image.*pin the image by digest/);
      expect(found[0]!.line).toBe(base.split('\n').findIndex((l) => l.startsWith('  record:')) + 3);
    }
  });
  it('refuses unknown fields beside the image', () => {
    expect(errors(withImage(`python@${DIGEST}\n    tag: latest`))[0]!.message).toMatch(/tag/);
  });
  it('a spec without a container still loads: the field is optional', () => {
    expect(errors(base)).toEqual([]);
  });
});
