// Trunk's post-build step (Trunk.toml), on its staging directory: first the
// service worker with the list of assets, then precompressed copies of
// everything, the worker included.
await import('./service-worker.mjs');
await import('./precompress.mjs');
