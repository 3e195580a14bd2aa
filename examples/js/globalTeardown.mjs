// Jest's globalTeardown: stops the fakeaws that globalSetup.mjs started.
export { teardown as default } from './globalSetup.mjs';
