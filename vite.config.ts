import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));

// The API server listens on port 3000 in development (`npm run dev`).
const apiServer = "http://127.0.0.1:3000";

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app, so browsers keep them
        // cached across releases. The "mui" chunk takes only the components
        // that the main chunk imports ($initial); those that only lazy pages
        // use load with those pages.
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/,
            },
            {
              name: "mui",
              test: /node_modules[\\/](@mui|@emotion|@popperjs)[\\/]/,
              tags: ["$initial"],
            },
            { name: "phone", test: /node_modules[\\/]libphonenumber-js[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      // The app's own modules under src/web/api are served at /api/*.ts in
      // development, so only the other /api paths go to the API server.
      "^/api/(?![^?]*\\.tsx?(\\?|$))": apiServer,
      "/v1": apiServer,
    },
  },
});
