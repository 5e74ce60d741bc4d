import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The UI is served by the dwc server at `/`; `npm run dev -w @dwc/ui` proxies the API to it. */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8000', ws: true },
    },
  },
});
