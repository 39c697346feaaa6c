import { defineTarget } from './types.ts';

/** The kernels in plain JavaScript: the baseline, in a page or in Node. */
export const jsTarget = defineTarget({
  id: 'js',
  hosts: ['browser', 'node'],
  kinds: ['kernel'],
  webgpu: false,
  needsIsolation: false,
  asyncIssue: false,
  identifiedBy: ['user-agent'],
  label: 'JS',
  description: 'plain JavaScript on one CPU core',
  native: 'js',
});
