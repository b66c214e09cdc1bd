import type { ManifestOptions } from 'vite-plugin-pwa';

/**
 * The web app manifest (vite-plugin-pwa writes it as manifest.webmanifest). Installers want a name,
 * 192 and 512 px icons, a maskable icon (Android crops it to its own shape), standalone display
 * and a start_url inside the scope; tests/unit/client/manifest.test.ts holds it to that.
 */
export const manifest: Partial<ManifestOptions> = {
  name: 'Technician Scheduler',
  short_name: 'Scheduler',
  description: 'Your week and your tickets, with or without signal.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#f5f7fb',
  theme_color: '#1d4ed8',
  icons: [
    { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
