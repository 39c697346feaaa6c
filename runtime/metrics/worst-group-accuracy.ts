import { qualityKind } from './definition.ts';

/** Accuracy of the weakest slice (runtime/eval). */
export const worstGroupAccuracy = qualityKind('worst-group-accuracy', 'higher', 'accuracy of the weakest slice');
