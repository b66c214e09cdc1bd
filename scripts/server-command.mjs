// `npm run backup` / `npm run restore`: the built tool from dist/server in production (no TypeScript
// at run time: the Docker image has neither tsx nor the sources), the TypeScript source otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [name, ...args] = process.argv.slice(2);
const built = `dist/server/${name}.js`;
let command;
if (process.env.NODE_ENV === 'production') {
  if (!existsSync(built)) {
    console.error(`${built} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  command = [built, ...args];
} else {
  command = ['--import', 'tsx', `server/cli/${name}.ts`, ...args];
}
const { status } = spawnSync(process.execPath, command, { stdio: 'inherit' });
process.exit(status ?? 1);
