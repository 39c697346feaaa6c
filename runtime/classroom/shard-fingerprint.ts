import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * What each shard records so a merge can tell that all shards graded the same run: the whole list of
 * rows (roster learners and submission files, before slicing) and the secret, both as hashes. A
 * learner whose file arrived between two shards' runs changes the list, and the merge refuses.
 */

export function rowsFingerprint(rows: readonly { learner: string; file?: string }[]): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(JSON.stringify(rows.map((r) => [r.learner, r.file ?? ''])))))}`;
}

/** A hash of the secret, domain-separated; the secret (at least 16 random characters) is not recoverable from it. */
export function keyFingerprint(secret: string): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(`benchmark-carpentry shard key\0${secret}`))).slice(0, 16)}`;
}
