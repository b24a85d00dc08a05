import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Rebuilds dist/ when it is older than src/: CLI tests never run a stale bundle.
    globalSetup: ['test/global-setup.ts'],
  },
});
