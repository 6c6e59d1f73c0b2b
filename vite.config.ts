import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig(({ command }) => {
  // A build is always the production UI, whatever NODE_ENV the caller has: vitest sets "test", and
  // `npm pack` run inside the test suite would otherwise ship React's development bundle.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
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
  };
});
