import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // The build runs from the repository root; the renderer's sources live beside this file.
  root: import.meta.dirname,
  // Pages are served from the app's custom protocol, so every asset URL must be relative.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The CSP allows no data: scripts or styles; every asset stays a file of its own.
    assetsInlineLimit: 0,
  },
});
