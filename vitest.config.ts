import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Compiler and emulator runs take seconds each; speed goals live in bench/, not here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
