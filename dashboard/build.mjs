// Bundles src/ into dist/ (app.js, index.html, styles.css) and writes dist/.build-stamp last, which MSBuild uses as
// the output of the incremental "bundle" target. Any failure exits non-zero so the dotnet build fails too.
import { build } from 'esbuild';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');

try {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  await build({
    entryPoints: [join(src, 'main.js')],
    outfile: join(dist, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  await copyFile(join(src, 'index.html'), join(dist, 'index.html'));
  await copyFile(join(src, 'styles.css'), join(dist, 'styles.css'));
  await writeFile(join(dist, '.build-stamp'), new Date().toISOString() + '\n');
} catch (err) {
  console.error('dashboard build failed:', err);
  process.exit(1);
}
