// Adds a Content-Security-Policy to index.html: only the app's own files may
// run or be fetched, so no plan can leave the browser even through a bug. A
// <meta> because static hosts rarely let users set headers. Trunk writes the
// inline loader at build time (it names the hashed files), so its hash is
// taken here, with the service worker's inline registration. Styles may be
// inline: the views set department colours in `style` attributes. Release
// builds only: `trunk serve` injects its own reload script.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
if ((process.env.TRUNK_PROFILE ?? 'release') === 'release') {
  const file = join(dir, 'index.html');
  const html = readFileSync(file, 'utf8');
  if (html.includes('http-equiv="Content-Security-Policy"')) throw new Error('index.html already has a policy');
  // Inline scripts are those without a src attribute. The browser hashes
  // their text after turning CRLF into LF, as a Windows checkout may have it.
  const hashes = [...html.matchAll(/<script\b(?![^>]*\ssrc\s*=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body.replace(/\r\n?/g, '\n')).digest('base64')}'`,
  );
  if (hashes.length === 0) throw new Error('no inline loader found in index.html');
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  // First in <head>, before anything the policy covers.
  const withPolicy = html.replace(/(<meta charset="utf-8"\s*\/?>)/, `$1\n    ${meta}`);
  if (withPolicy === html) throw new Error('no <meta charset> to put the policy after');
  writeFileSync(file, withPolicy);
}
