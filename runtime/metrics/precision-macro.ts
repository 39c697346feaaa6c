import { qualityKind } from './definition.ts';

/** Precision averaged over classes, each class counting the same (runtime/eval). */
export const precisionMacro = qualityKind('precision-macro', 'higher', 'precision averaged over classes, each class counting the same');
