import { qualityKind } from './definition.ts';

/** F1 averaged over classes (runtime/eval). */
export const f1Macro = qualityKind('f1-macro', 'higher', 'F1 averaged over classes');
