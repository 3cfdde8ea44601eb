import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Real SQLite files, HTTP servers and browsers: give them room, but never assert on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
