import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Inline assets would need data: script or style sources; keep every asset a file.
    assetsInlineLimit: 0,
    target: 'chrome120',
  },
});
