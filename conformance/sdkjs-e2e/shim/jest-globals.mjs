// Setup file: region-redirect-middleware.e2e.spec.ts (at the commit read)
// is still written for jest: it calls jest.setTimeout and uses describe,
// it, beforeAll and afterAll as globals. vitest runs with globals on, and
// jest.setTimeout maps to vitest's testTimeout and hookTimeout.
import { vi } from "vitest";

globalThis.jest = {
  setTimeout(ms) {
    vi.setConfig({ testTimeout: ms, hookTimeout: ms });
  },
};
