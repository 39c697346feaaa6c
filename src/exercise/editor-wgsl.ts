import { StreamLanguage } from '@codemirror/language';
import { clike } from '@codemirror/legacy-modes/mode/clike';
import type { Extension } from '@codemirror/state';
import { ownLinter } from './editor-core.ts';

/** WGSL in the exercises' editor: a C-like stream mode with WGSL's words; problems come from the check (the compiler's messages). */

const words = (s: string) => Object.fromEntries(s.split(/\s+/).map((w) => [w, true]));

/** WGSL through the C-like stream mode: keywords, types, address spaces, @attributes. */
const wgslLanguage = StreamLanguage.define(
  clike({
    name: 'wgsl',
    keywords: words(
      'fn let var const override struct return if else switch case default for loop while break continue continuing discard enable requires alias diagnostic const_assert',
    ),
    types: words(
      'bool f16 f32 i32 u32 vec2 vec3 vec4 vec2f vec3f vec4f vec2i vec3i vec4i vec2u vec3u vec4u mat2x2 mat3x3 mat4x4 mat2x2f mat3x3f mat4x4f array atomic ptr sampler texture_2d texture_storage_2d',
    ),
    builtin: words(
      'storage uniform workgroup private function read write read_write arrayLength select min max clamp abs sqrt exp log pow dot cross workgroupBarrier storageBarrier atomicAdd atomicLoad atomicStore',
    ),
    atoms: words('true false'),
    blockKeywords: words('if else for loop while switch continuing'),
    hooks: {
      '@': (stream: { eatWhile(re: RegExp): boolean }) => {
        stream.eatWhile(/[\w]/);
        return 'meta';
      },
    },
  }),
);

export function wgslExtensions(): Extension[] {
  return [wgslLanguage, ownLinter(() => [])];
}
