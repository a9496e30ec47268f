import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Paths are resolved from this file so the build works from any working directory.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    rolldownOptions: {
      onwarn(warning, defaultHandler) {
        // antd ships "use client" directives that are meaningless in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        defaultHandler(warning);
      },
      output: {
        // React and antd's shared core (theme, CSS-in-JS, config, utilities) change rarely and are needed by
        // every page: own chunks, cached across deploys. antd components are left to automatic splitting,
        // so each lazily loaded page brings the components it uses (Table, Form, Cascader…).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/, priority: 30 },
            {
              name: 'antd-core',
              test: /node_modules[\\/](antd[\\/]es[\\/](_util|config-provider|theme|style|locale|app|version)[\\/]|@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color)[\\/]|@rc-component[\\/](util|motion|context)[\\/])/,
              priority: 20,
            },
            { name: 'vendor', test: /node_modules[\\/](dayjs|@babel|clsx|classnames|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|stylis|@emotion)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      // Everything under /api goes to the platform server, except this app's own modules in src/web/api/
      // (the dev server serves them at /api/client.ts etc.).
      '^/api/(?!.*\\.(?:ts|tsx|js|mjs|map)(?:\\?|$))': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
