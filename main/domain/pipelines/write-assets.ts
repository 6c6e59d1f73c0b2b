import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/app-error';
import type { PipelineAsset } from './assets';

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/**
 * Writes the assets into a folder. Nothing is replaced unless asked: every name is checked before
 * the first is written, so a refused call leaves the folder as it was.
 */
export async function writeAssets(folder: string, assets: PipelineAsset[], replace: boolean): Promise<string[]> {
  const files = assets.map((asset) => ({ ...asset, file: path.join(folder, asset.path) }));
  if (!replace) {
    const taken = (await Promise.all(files.map(async (f) => ((await exists(f.file)) ? f.path : null)))).filter((p) => p !== null);
    if (taken.length) throw new AppError('conflict', `${folder} already holds ${taken.join(', ')}.`, 'replace-files');
  }
  await mkdir(folder, { recursive: true });
  for (const { file, text, path: name } of files) {
    // wx: a file that appeared since the check is still not overwritten.
    await writeFile(file, text, { flag: replace ? 'w' : 'wx', mode: name.endsWith('.sh') ? 0o755 : 0o644 });
  }
  return files.map((f) => f.file);
}
