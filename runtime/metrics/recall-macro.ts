import { qualityKind } from './definition.ts';

/** Recall averaged over classes (runtime/eval). */
export const recallMacro = qualityKind('recall-macro', 'higher', 'recall averaged over classes');
