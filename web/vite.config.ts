import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The Grip web app. `npm run build:web` builds it into web/dist, which the Grip server serves under `/`.
 * The server's Content-Security-Policy allows only scripts and styles from its own origin, so nothing may
 * be inlined into index.html. For `npm run dev:web`, API calls are passed on to a Grip server on :8080.
 */
export default defineConfig({
  root: decodeURIComponent(new URL('.', import.meta.url).pathname),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/auth': 'http://localhost:8080',
      '/api-docs': 'http://localhost:8080',
    },
  },
});
