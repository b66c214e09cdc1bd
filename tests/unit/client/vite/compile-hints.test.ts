import { describe, expect, it } from 'vitest';
import { boardModules, compileHints } from '../../../../client/vite/compile-hints';

type Bundle = Record<string, { type: 'chunk'; code: string; moduleIds: string[] } | { type: 'asset'; source: string }>;

function generate(bundle: Bundle): void {
  const hook = compileHints(boardModules).generateBundle;
  if (typeof hook !== 'function') throw new Error('generateBundle is not a function');
  // The hook only reads the bundle; the plugin context and options are unused.
  (hook as (this: unknown, options: unknown, bundle: Bundle) => void).call({}, {}, bundle);
}

describe('compile hints', () => {
  it('puts the hint on the first line of the chunks holding the board or the virtualizer, and nowhere else', () => {
    const bundle: Bundle = {
      'calendar.js': { type: 'chunk', code: 'import{a}from"./x.js";', moduleIds: ['/app/client/src/pages/calendar-page.tsx', '/app/client/src/calendar/week-board.tsx'] },
      'virtual.js': { type: 'chunk', code: 'var v=1;', moduleIds: ['/app/node_modules/@tanstack/virtual-core/dist/esm/index.js'] },
      'home.js': { type: 'chunk', code: 'var h=1;', moduleIds: ['/app/client/src/pages/home-page.tsx'] },
      'style.css': { type: 'asset', source: 'body{}' },
    };
    generate(bundle);
    expect(bundle['calendar.js']).toMatchObject({ code: '//# allFunctionsCalledOnLoad\nimport{a}from"./x.js";' });
    expect(bundle['virtual.js']).toMatchObject({ code: '//# allFunctionsCalledOnLoad\nvar v=1;' });
    expect(bundle['home.js']).toMatchObject({ code: 'var h=1;' });
    expect(bundle['style.css']).toEqual({ type: 'asset', source: 'body{}' });
  });
});
