import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// The package's own imports (`uapi-gen/runtime` in generated code) resolve to the sources in
// a checkout, to dist/ once installed (package.json "exports").
const conditions = ["uapi-gen-source", ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ["test/**/*.test.ts"],
    // Compiler and emulator runs take seconds each; speed goals live in bench/, not here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
