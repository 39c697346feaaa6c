import { qualityKind } from './definition.ts';

/** ROC-AUC one-vs-rest, averaged over classes (runtime/eval). */
export const rocAuc = qualityKind('roc-auc', 'higher', 'ROC-AUC one-vs-rest, averaged over classes');
