import { parse } from 'yaml';

/**
 * What makes a run on limited or simulated hardware reportable, checked on a spec's text: the software pinned (a
 * container image by digest), the place recorded (host, backend), the inputs reproducible (a seed). The rubric
 * reads the YAML itself, so the verdict comes from the spec the learner sees, not from how it was generated.
 */

export const PROBLEMS = ['image-tag', 'no-container', 'no-host', 'no-backend', 'no-seed'] as const;
export type Problem = (typeof PROBLEMS)[number];

interface SpecShape {
  infrastructure?: { record?: string[]; container?: { image?: string } };
  datasets?: { generated?: { seed?: unknown } }[];
}

const DIGEST = /@sha256:[0-9a-f]{64}$/;

export function reportabilityProblems(text: string): Problem[] {
  const spec = parse(text) as SpecShape;
  const problems: Problem[] = [];
  const image = spec.infrastructure?.container?.image;
  if (image === undefined) problems.push('no-container');
  else if (!DIGEST.test(image)) problems.push('image-tag');
  const record = spec.infrastructure?.record ?? [];
  if (!record.includes('host')) problems.push('no-host');
  if (!record.includes('backend')) problems.push('no-backend');
  if ((spec.datasets ?? []).some((d) => d.generated && d.generated.seed === undefined)) problems.push('no-seed');
  return problems;
}
