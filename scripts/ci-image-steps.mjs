/* global fetch */
// CI without a Docker daemon: runs the Dockerfile's build steps as they are written, in a clean
// folder, then lays out the runtime stage's files on their own and starts the server from them
// exactly as the image's CMD would, checking its HEALTHCHECK and a graceful SIGTERM. What this
// cannot prove: the base image itself, the non-root user and the volume (no daemon to run them).
import { execSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const repo = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'tsched-image-'));
const buildDir = join(work, 'app');
const runtimeDir = join(work, 'runtime');
const step = (what) => console.log(`\n--- ${what}`);

function instructions(text) {
  const joined = text.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [keyword, ...rest] = l.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** The build context: tracked and new files, less what .dockerignore names. */
function copyContext(target) {
  const ignored = readFileSync(join(repo, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const matches = (path) =>
    ignored.some((p) => (p.startsWith('*.') ? path.endsWith(p.slice(1)) : path === p || path.startsWith(`${p}/`)));
  const files = execSync('git ls-files -z --cached --others --exclude-standard', { cwd: repo })
    .toString()
    .split('\0')
    .filter((f) => f && existsSync(join(repo, f)) && !matches(f));
  for (const f of files) {
    mkdirSync(dirname(join(target, f)), { recursive: true });
    cpSync(join(repo, f), join(target, f));
  }
  return files.length;
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function main() {
  const stages = [];
  for (const ins of instructions(readFileSync(join(repo, 'Dockerfile'), 'utf8'))) {
    if (ins.keyword === 'FROM') stages.push({ from: ins.args, steps: [] });
    else stages.at(-1)?.steps.push(ins);
  }
  const runtime = stages.at(-1);
  step(`build context → ${buildDir}`);
  console.log(`${copyContext(buildDir)} files`);

  for (const stage of stages.slice(0, -1)) {
    for (const { keyword, args } of stage.steps) {
      if (keyword !== 'RUN') continue;
      step(`${stage.from}: RUN ${args}`);
      execSync(args, { cwd: buildDir, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
    }
  }

  step(`runtime stage files → ${runtimeDir}`);
  const env = {};
  let cmd;
  for (const { keyword, args } of runtime.steps) {
    if (keyword === 'COPY' && args.startsWith('--from=build')) {
      const parts = args.split(/\s+/).filter((p) => !p.startsWith('--'));
      const dest = parts.pop();
      for (const src of parts) {
        const relative = src.replace(/^\/app\/?/, '');
        const target = dest === './' ? join(runtimeDir, relative) : join(runtimeDir, dest);
        mkdirSync(dirname(target), { recursive: true });
        cpSync(join(buildDir, relative), target, { recursive: true });
        console.log(`${src} → ${dest}`);
      }
    }
    if (keyword === 'ENV') for (const pair of args.split(/\s+/)) env[pair.split('=')[0]] = pair.split('=').slice(1).join('=');
    if (keyword === 'CMD') cmd = JSON.parse(args);
  }
  for (const dev of ['tsx', 'typescript', 'vite', 'vitest', 'esbuild']) {
    if (existsSync(join(runtimeDir, 'node_modules', dev))) throw new Error(`the runtime has the dev dependency ${dev}`);
  }

  const port = await freePort();
  const dataDir = join(work, 'data');
  step(`CMD ${cmd.join(' ')} (PORT=${port}, DATA_DIR=${dataDir})`);
  const runEnv = { PATH: process.env.PATH, ...env, PORT: String(port), DATA_DIR: dataDir, LOG_REQUESTS: 'false' };
  const server = spawn(cmd[0], cmd.slice(1), { cwd: runtimeDir, env: runEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  let healthy = false;
  while (!healthy && Date.now() < deadline && server.exitCode === null) {
    healthy = (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200;
    if (!healthy) await sleep(250);
  }
  if (!healthy) throw new Error('the server from the runtime files never answered /healthz');
  const page = await fetch(`http://127.0.0.1:${port}/`);
  if (page.status !== 200 || !(await page.text()).includes('<div id="root"')) throw new Error('the built client is not served');

  const healthcheck = runtime.steps.find((s) => s.keyword === 'HEALTHCHECK');
  const check = JSON.parse(healthcheck.args.slice(healthcheck.args.indexOf('CMD') + 3).trim());
  const probe = spawnSync(check[0], check.slice(1), { env: runEnv, encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`the HEALTHCHECK command failed: ${probe.stderr}`);
  console.log('HEALTHCHECK passed');

  server.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`SIGTERM: the server exited with ${code}`);
  console.log('SIGTERM: clean exit');

  // The operator's tools, as `docker compose exec app npm run backup|restore` would run them there.
  const file = join(work, 'manual-backup.json');
  for (const args of [['run', 'backup', '--', '--out', file], ['run', 'restore', '--', file]]) {
    const tool = spawnSync('npm', args, { cwd: runtimeDir, env: runEnv, encoding: 'utf8' });
    if (tool.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${tool.stdout}${tool.stderr}`);
    console.log(tool.stdout.trim().split('\n').at(-1));
  }
  if (JSON.parse(readFileSync(file, 'utf8')).format !== 'technician-scheduler-backup') throw new Error('the backup file is not a backup');
}

try {
  await main();
  console.log('\nThe Dockerfile build steps work in a clean folder.');
} catch (error) {
  console.error(`\nImage build steps failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
