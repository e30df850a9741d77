import { defineConfig } from 'vite';

// The client lives in client/ and is built to dist/client, which the server serves on its one port.
export default defineConfig({
  root: 'client',
  // Preact's automatic JSX runtime through Vite's built-in oxc transform (no extra plugin needed).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // The manifest lets client/tools/measure-bundle.ts follow each page's import graph.
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022', manifest: true },
  server: { proxy: { '/socket.io': { target: 'http://localhost:3000', ws: true }, '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
});
