import { describe, expect, it } from 'vitest';
import { manifest } from '../../../client/manifest';
import { iconsIn, installProblems, type WebManifest } from '../../support/installable-manifest';

const ORIGIN = 'https://scheduler.example.com';
const publicIcons = iconsIn('client/public');

describe('the web app manifest', () => {
  it('has everything an installer requires: name, 192 and 512 px icons, a maskable icon, standalone, start_url in scope', () => {
    expect(installProblems(manifest as WebManifest, ORIGIN, publicIcons)).toEqual([]);
    expect(manifest.name).toBe('Technician Scheduler');
    expect(manifest.display).toBe('standalone');
  });

  it('is checked for real: each missing piece is named', () => {
    const broken: WebManifest = {
      display: 'browser',
      start_url: '/elsewhere/',
      scope: '/app/',
      icons: [{ src: '/icon-192.png', sizes: '512x512', type: 'image/png' }],
    };
    expect(installProblems(broken, ORIGIN, publicIcons)).toEqual([
      'no name',
      'display is browser, not standalone',
      'no 192x192 icon for any purpose',
      '/icon-192.png says 512x512 but is 192x192',
      'no maskable icon',
      `start_url ${ORIGIN}/elsewhere/ is outside the scope ${ORIGIN}/app/`,
    ]);
  });
});
