// vitest configuration for conformance/sdkjs-e2e/run.sh: aws-sdk-js-v3's
// e2e specs, copied unchanged into a scratch directory (the root), import
// their package's own sources and the repository's private test helpers;
// these aliases point those imports at the published npm packages
// installed here (package-lock.json) and at shim/. No assertion changes.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^(\.\.\/)+tests\/e2e\/get-integ-test-resources$/, replacement: here("./shim/resources.mjs") },
      { find: /^@aws-sdk\/aws-util-test(\/src)?$/, replacement: here("./shim/resources.mjs") },
      { find: /^@aws-sdk\/signature-v4-crt$/, replacement: here("./shim/empty.mjs") },
      // packages/s3-presigned-post/src/*.e2e.spec.ts imports its package's source.
      { find: /^\.\/createPresignedPost$/, replacement: "@aws-sdk/s3-presigned-post" },
    ],
  },
  server: { fs: { allow: [here("."), process.cwd()] } },
  test: {
    include: ["**/*.e2e.spec.ts"],
    globals: true,
    setupFiles: [here("./shim/jest-globals.mjs")],
    globalSetup: [here("./shim/global-setup.mjs")],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One file at a time: the specs share the bucket and its keys (on AWS
    // the SDK team runs each package's e2e suite separately).
    fileParallelism: false,
    reporters: ["verbose"],
  },
});
