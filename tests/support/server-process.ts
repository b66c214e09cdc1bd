import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Runs `server/main.ts` exactly as `npm start` does (minus the client build), in its own process;
 * with `built`, runs the production bundle as `npm run start:prod` does (build it first); `nodeArgs`
 * go to node before the script (e.g. `--cpu-prof`, which NODE_OPTIONS does not take).
 */
export function spawnServer(env: Record<string, string>, options: { built?: boolean; nodeArgs?: string[] } = {}): ServerProcess {
  const args = [...(options.nodeArgs ?? []), ...(options.built ? ['dist/server/main.js'] : ['--import', 'tsx', 'server/main.ts'])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_REQUESTS: 'false', ...(options.built ? { NODE_ENV: 'production' } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${env.PORT}`, output: () => out, exited };
}

export async function waitUntilListening(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    if (/is running at/.test(server.output())) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start in time:\n${server.output()}`);
}

/** Signs in over real HTTP and returns the `session=…` cookie pair. */
export async function signInAt(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password, remember: true }),
  });
  if (res.status !== 200) throw new Error(`sign-in at ${url} failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
