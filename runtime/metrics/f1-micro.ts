import { qualityKind } from './definition.ts';

/** F1 of the pooled counts (equals accuracy for one label per item) (runtime/eval). */
export const f1Micro = qualityKind('f1-micro', 'higher', 'F1 of the pooled counts (equals accuracy for one label per item)');
