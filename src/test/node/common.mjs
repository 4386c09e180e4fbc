// Settings every script takes from the IT (io.thinkwatch.testing.NodeClients), and how it answers.

/** Capture's base URL, e.g. http://127.0.0.1:8088 (no trailing slash). */
export const CAPTURE_URL = required('THINKWATCH_CAPTURE_URL').replace(/\/+$/, '');

/** The capture key, sent as X-Thinkwatch-Key (a call without one is recorded in capture's default tenant). */
export const CAPTURE_KEY = process.env.THINKWATCH_CAPTURE_KEY;

/**
 * Extra headers for every call: the capture key, the upstream when the IT names one (else capture picks it by the
 * route), and the simulator's reasoning tokens when the IT names them.
 */
export function headers() {
  const h = {};
  if (CAPTURE_KEY) {
    h['X-Thinkwatch-Key'] = CAPTURE_KEY;
  }
  if (process.env.THINKWATCH_UPSTREAM) {
    h['X-Thinkwatch-Upstream'] = process.env.THINKWATCH_UPSTREAM;
  }
  if (process.env.SIMULATOR_REASONING_TOKENS) {
    h['X-Simulator-Reasoning-Tokens'] = process.env.SIMULATOR_REASONING_TOKENS;
  }
  return h;
}

export function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

/** Prints the result as the one JSON document on stdout. */
export function answer(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** Runs main, printing any failure with its cause on stderr and exiting with 1. */
export function main(run) {
  run().catch((error) => {
    console.error(error?.stack ?? String(error));
    if (error?.cause) {
      console.error('cause:', error.cause?.stack ?? error.cause);
    }
    if (error?.responseBody) {
      console.error('response body:', error.responseBody);
    }
    process.exit(1);
  });
}
