import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev and preview servers forward /graphql to the gateway, so the default config.json needs no CORS.
const gateway = process.env.GATEWAY_ORIGIN ?? 'http://127.0.0.1:4000';
const proxy = { '/graphql': { target: gateway, changeOrigin: true } };

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the built app works from any path, e.g. a CDN prefix.
  base: './',
  server: { proxy },
  preview: { proxy },
});
