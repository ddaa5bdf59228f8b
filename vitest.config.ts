import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // end-to-end tests start the real binary and real servers: give a loaded 2-core CI machine room
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
