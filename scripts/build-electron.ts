// Bundles the Electron main process and the preload. The preload must be one CommonJS file:
// a sandboxed renderer's preload cannot load other modules.
import { build, type BuildOptions } from 'esbuild';

const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/hosts/electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    // Dependencies stay in node_modules, where electron-builder packages them; native ones must.
    packages: 'external',
  }),
  build({ ...common, entryPoints: ['preload/electron-preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] }),
]);
