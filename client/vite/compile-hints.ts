import type { Plugin } from 'vite';

/**
 * Marks the chunks holding the given modules with V8's explicit compile hint
 * (`//# allFunctionsCalledOnLoad`, Chromium 136+): their functions are compiled while the chunk
 * loads, off the main thread where the script is streamed, instead of one by one the first time
 * each runs — which, for the week board, is in the middle of its first render. Only for code that
 * surely runs once loaded (the page's chunk is loaded to be drawn); elsewhere it would compile
 * functions nobody calls. Browsers without the hint read a comment.
 *
 * The comment must be the chunk's first line and survive minification, so it is added to the
 * finished chunks (minifiers drop comments, banners included); `enforce: 'pre'` puts this before
 * the compression plugin's copies and the service worker's precache list, which hash the result.
 */
export function compileHints(wanted: (moduleId: string) => boolean): Plugin {
  return {
    name: 'technician-scheduler:compile-hints',
    apply: 'build',
    enforce: 'pre',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.moduleIds.some(wanted)) chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      }
    },
  };
}

/** The week board and the virtualizer it draws with (a chunk shared with the ticket list). */
export const boardModules = (moduleId: string): boolean => moduleId.endsWith('/calendar/week-board.tsx') || moduleId.includes('/@tanstack/virtual-core/');
