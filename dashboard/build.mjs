// Bundles src/ into dist/ with content-hashed names (app-HASH.js, styles-HASH.css, so they can be cached for good) and
// an index.html that names them, and writes dist/.build-stamp last, which MSBuild uses as the output of the
// incremental "bundle" target. Any failure exits non-zero so the dotnet build fails too.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');

/** The first 10 hex digits of the SHA-256 of text, the hash in a file name. */
const hashOf = (text) => createHash('sha256').update(text).digest('hex').slice(0, 10);

try {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  const result = await build({
    entryPoints: [join(src, 'main.js')],
    outdir: dist,
    entryNames: 'app-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  const script = Object.keys(result.metafile.outputs).map((p) => basename(p)).find((n) => /^app-[A-Z0-9]+\.js$/i.test(n));
  if (!script) throw new Error('esbuild wrote no app-HASH.js');
  const css = await readFile(join(src, 'styles.css'), 'utf8');
  const styles = `styles-${hashOf(css)}.css`;
  await writeFile(join(dist, styles), css);
  const html = await readFile(join(src, 'index.html'), 'utf8');
  if (!html.includes('src="/app.js"') || !html.includes('href="/styles.css"')) {
    throw new Error('src/index.html must reference /app.js and /styles.css (they are renamed to their hashed names)');
  }
  await writeFile(join(dist, 'index.html'), html.replace('src="/app.js"', `src="/${script}"`).replace('href="/styles.css"', `href="/${styles}"`));
  await writeFile(join(dist, '.build-stamp'), new Date().toISOString() + '\n');
} catch (err) {
  console.error('dashboard build failed:', err);
  process.exit(1);
}
