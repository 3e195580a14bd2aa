// Jest and Vitest global setup: start fakeaws on a free loopback port before
// the tests and stop it after. Tests read process.env.AWS_ENDPOINT_URL.
//
//   // vitest.config.mjs
//   export default { test: { globalSetup: './globalSetup.mjs' } };
//   // jest.config.mjs (Jest calls the default export, then globalTeardown)
//   export default { globalSetup: './globalSetup.mjs', globalTeardown: './globalTeardown.mjs' };
//
// The binary comes from $FAKEAWS_BIN or PATH
// (go install github.com/fakeaws/fakeaws/cmd/fakeaws@latest).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

let server;

export default async function setup() {
  const bin = process.env.FAKEAWS_BIN || 'fakeaws';
  server = spawn(bin, ['--ephemeral', '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  globalThis.__FAKEAWS__ = server;
  const first = await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`fakeaws exited with ${code} before listening`)));
    createInterface({ input: server.stdout }).once('line', resolve);
  });
  const prefix = 'fakeaws listening on ';
  if (!first.startsWith(prefix)) throw new Error(`fakeaws did not start: first line ${JSON.stringify(first)}`);
  process.env.AWS_ENDPOINT_URL = first.slice(prefix.length);
  process.env.AWS_REGION = 'us-east-1';
  // Vitest calls the returned function as teardown; Jest uses globalTeardown.
  return teardown;
}

export async function teardown() {
  const s = server || globalThis.__FAKEAWS__;
  if (s && s.exitCode === null) {
    s.kill('SIGTERM');
    await new Promise((resolve) => s.once('exit', resolve));
  }
}
