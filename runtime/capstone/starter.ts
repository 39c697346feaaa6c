import { SPEC_VERSION } from '../spec/schema.ts';

/**
 * The spec the capstone page's editor starts with: the six parts as a skeleton with every choice left
 * open (empty values), so it does not validate and earns no rubric point until the learner designs it.
 */
export const CAPSTONE_STARTER_SPEC = `# Your benchmark: fill in every empty value. The editor checks each line as you type
# (the same rules as \`workbook validate\`); hover a field for what it means.
version: ${SPEC_VERSION}
id: my-domain-benchmark
title:
description:
parameters: {}
task:
  # kind: kernel (vector-add, copy, reduce-sum, matmul), inference (mnist-mlp) or evaluation (a zoo model)
  kind:
infrastructure:
  targets: []
  record: []
datasets: []
metrics: []
constraints:
  scenario:
  warmup:
  min-samples:
  min-duration-ms:
  max-duration-ms:
`;
