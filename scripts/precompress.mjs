// Writes .gz (gzip -9) and .br (brotli, quality 11) copies of the text and
// wasm assets beside them, for static hosts that serve precompressed files
// (nginx gzip_static/brotli_static, Netlify, Cloudflare Pages...). Node's
// own zlib does both, so nothing is downloaded. Run by Trunk after a build
// (Trunk.toml), on its staging directory.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
for (const name of readdirSync(dir)) {
  if (!/\.(wasm|js|css|html|svg|json)$/.test(name)) continue;
  const data = readFileSync(join(dir, name));
  writeFileSync(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
  writeFileSync(
    join(dir, `${name}.br`),
    brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }),
  );
}
