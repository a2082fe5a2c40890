import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The API (apps/api) listens on 3000 in development; in production it serves this build itself
// on one origin, so every request the app makes is same-origin and relative.
const API_ORIGIN = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/api": { target: API_ORIGIN, changeOrigin: false },
      "/socket.io": { target: API_ORIGIN, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
  },
});
