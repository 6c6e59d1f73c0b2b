// `npm run bench`: every benchmark, with the machine it ran on. Needs `npm run build` first.
import { existsSync } from 'node:fs';
import { machine } from './report';
import { chartsBench } from './charts.bench';
import { cliBench } from './cli.bench';
import { decodeBench } from './decode.bench';
import { drainBench } from './drain.bench';
import { ingestBench } from './ingest.bench';
import { produceBench } from './produce.bench';
import { consumersBench } from './consumers.bench';
import { searchUiBench } from './search-ui.bench';
import { livePreviewBench } from './live-preview.bench';
import { streamListBench } from './stream-list.bench';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

if (!existsSync('dist/renderer/index.html')) {
  console.error('Build the UI first: npm run build');
  process.exit(1);
}
console.log(`machine: ${machine()}`);
const only = process.env.BENCH_ONLY;
if (!only || only === 'drain') await drainBench();
if (!only || only === 'decode') await decodeBench();
if (!only || only === 'cli') await cliBench();
if (!only || only === 'ingest') await ingestBench();
if (!only || only === 'produce') await produceBench();
if (!only || only === 'consumers') await consumersBench();
if (!only || only === 'search-ui') await searchUiBench();
if (!only || only === 'live-preview') await livePreviewBench();
if (!only || only === 'charts') await chartsBench();
if (!only || only === 'stream-list') await streamListBench();
