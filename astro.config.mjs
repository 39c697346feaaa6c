// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';
import { unified } from '@astrojs/markdown-remark';
import { remarkBlocks, remarkScrollableTables, normalizeFencedDivs } from './runtime/lessons/index.ts';
import { lessonSidebar } from './src/sidebar.ts';
import { instructorHeadScript } from './src/instructor-head.ts';
import { writeModelAssets } from './runtime/node/model-assets.ts';

// The browser's ONNX cells load a model trained by the project and onnxruntime-web's runtime from
// /models/. They are generated here (a few seconds the first time, then skipped while up to date),
// with the model zoo in /models/zoo/ (each model cached by a content hash).
/** @type {import('astro').AstroIntegration} */
const modelAssets = {
  name: 'workbook-model-assets',
  hooks: {
    'astro:config:setup': async ({ logger }) => {
      const { skipped, files, zoo } = await writeModelAssets('public/models', { zoo: true, log: (line) => logger.info(line) });
      if (!skipped) logger.info(`model assets written: ${files.map((f) => f.path).join(', ')}`);
      if (zoo && zoo.built.length > 0) logger.info(`model zoo: built ${zoo.built.join(', ')} in ${(zoo.ms / 1000).toFixed(1)} s`);
    },
  },
};

// Cross-origin isolation: wasm threads and 5 µs timers need it. Static hosts that cannot send
// headers still serve the site; the pages say that timing there is coarser.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  site: 'http://localhost:4321',
  server: { host: '127.0.0.1', port: 4321, headers: isolationHeaders },
  markdown: { processor: unified({ remarkPlugins: [remarkBlocks, remarkScrollableTables] }) },
  integrations: [
    modelAssets,
    starlight({
      title: 'Benchmark Carpentry',
      description: 'Learn to benchmark AI systems honestly: real measurements in your own browser, in the Carpentries style.',
      sidebar: lessonSidebar(),
      head: [{ tag: 'script', content: instructorHeadScript }],
      customCss: ['./src/styles/blocks.css'],
      components: {
        MarkdownContent: './src/frame/EpisodeContent.astro',
        ThemeSelect: './src/frame/HeaderControls.astro',
      },
      lastUpdated: false,
      pagination: true,
    }),
    react(),
  ],
  vite: {
    // The cells' benchmark worker (src/cell/worker.ts) is a module worker that loads its backends
    // (kernels, onnxruntime-web) on demand: that needs ES module output with code splitting.
    worker: { format: 'es' },
    // In `astro dev`, code a cell loads on its first run would otherwise be discovered late, and Vite's
    // re-optimisation then breaks the page that asked for it; list it so it is bundled at start.
    optimizeDeps: {
      include: [
        'react',
        'react-dom/client',
        'react/jsx-dev-runtime',
        '@observablehq/plot',
        '@xterm/xterm',
        '@xterm/addon-fit',
        'd3-array',
        'd3-random',
        'zod',
        'yaml',
      ],
    },
    plugins: [
      {
        // Lessons may write fenced divs Pandoc-style (`::: challenge`); see runtime/lessons/fenced-divs.ts.
        name: 'workbook-fenced-divs',
        enforce: 'pre',
        transform(code, id) {
          if (!/\/lessons\/.*\.mdx?$/.test(id.split('?')[0] ?? '')) return null;
          return { code: normalizeFencedDivs(code), map: null };
        },
      },
    ],
  },
});
