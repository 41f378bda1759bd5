// Trunk's post-build step (Trunk.toml), on its staging directory: first the
// Content-Security-Policy in index.html, then the service worker with the
// list of assets (index.html as it will be served), then precompressed
// copies of everything, the worker included.
await import('./content-security-policy.mjs');
await import('./service-worker.mjs');
await import('./precompress.mjs');
