import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { manifest } from './manifest.ts';
import { compression } from 'vite-plugin-compression2';
import { boardModules, compileHints } from './vite/compile-hints.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [
    solid(),
    // The week board's chunks: its first render is measured (bench/board.ts), and compiling each
    // function the first time it ran was a third of that render's CPU time.
    compileHints(boardModules),
    // Brotli and gzip copies made once at build time, sent by content negotiation
    // (server/http/static-client.ts): a phone on a weak signal downloads a quarter of the bytes,
    // and the server spends no CPU compressing per request.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' }),
    // The app shell is precached so the installed app opens with no signal; data lives in IndexedDB
    // and reaches the server through sync, so the service worker never caches API answers.
    VitePWA({
      // A new version waits until the user says so (client/src/components/update-prompt.tsx):
      // taking over mid-edit would reload a page with a half-typed form.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest,
      workbox: {
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/],
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        cleanupOutdatedCaches: true,
        // The first worker takes charge of the page that installed it, so the very first visit
        // already opens offline after a navigation; later workers wait for the prompt.
        clientsClaim: true,
      },
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `npm run dev:client` next to `npm start`: the API stays on :3000.
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
