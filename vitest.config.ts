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
    // Most test files wait on compilers, emulators or child processes: two at a time keep both
    // cores busy (vitest's default on 2 cores is one). Modules are shared between the files a
    // worker runs instead of being loaded again for each (TypeScript's parser alone takes a
    // second to load); tests restore what they change of process state.
    maxWorkers: "100%",
    isolate: false,
    // Compiler and emulator runs take seconds each; speed goals live in bench/, not here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
