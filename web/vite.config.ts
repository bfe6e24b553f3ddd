import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The config is run from the repository root (`vite build --config web/vite.config.ts`), so the
// app's root is this folder, found from the config's own location rather than the working directory.
const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npm run dev:web` serves the app with hot reload; the API runs separately (`salesops serve`).
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
