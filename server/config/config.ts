import { z } from 'zod';

/**
 * Configuration is read from the environment once, at start-up, and validated here; nothing else
 * reads process.env. A bad value stops start-up with one line per variable saying what is wrong.
 */
const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(3000),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  ADMIN_EMAIL: z.email('must be an email address').optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(256).optional(),
  SENDGRID_API_KEY: z.string().min(1).optional(),
  MAIL_FROM: z.email('must be an email address').optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  SENDGRID_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://api.sendgrid.com'),
  MAIL_BATCH_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(86_400, 'must be at most 86400 (a day)')
    .default(60),
  MAIL_CLAIM_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(2, 'must be at least 2')
    .max(3_600, 'must be at most 3600')
    .default(120),
  MAIL_KEEP_DAYS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (keep all mail) or more')
    .max(3_650, 'must be at most 3650 (ten years)')
    .default(90),
  SESSION_SECURE: z.enum(['auto', 'true', 'false'], { error: 'must be auto, true or false' }).default('auto'),
  LOG_REQUESTS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  TRUST_PROXY: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  BACKUP_INTERVAL_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .min(0, 'must be 0 (no automatic backups) or more')
    .max(24 * 366, 'must be at most a year of hours')
    .default(24),
  BACKUP_KEEP: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').default(14),
}).superRefine((e, ctx) => {
  if (e.SENDGRID_API_KEY && !e.MAIL_FROM) {
    ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'must be set when SENDGRID_API_KEY is (the sender address of every mail)' });
  }
  if (e.SENDGRID_API_KEY && !e.APP_URL) {
    // Links in mail must not come from the Host header of whoever pushed the change (anyone can
    // send any Host), nor point at localhost in a real mailbox.
    ctx.addIssue({ code: 'custom', path: ['APP_URL'], message: 'must be set when SENDGRID_API_KEY is (the address links in mail lead to)' });
  }
});

export interface Config {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  sendgridApiKey: string | undefined;
  mailFrom: string | undefined;
  /** SendGrid's API host, without a trailing slash. */
  sendgridBaseUrl: string;
  mailBatchSeconds: number;
  /**
   * How long a claimed mail is held by the server sending it; a server that dies holding it lets
   * another (or itself, restarted) send it after this. Sends time out well within it.
   */
  mailClaimSeconds: number;
  /** Sent and failed mail older than this many days is purged from the outbox (0: never). */
  mailKeepDays: number;
  appUrl: string | undefined;
  secureCookies: boolean;
  logRequests: boolean;
  /** Behind one reverse proxy: the client address is the one it appends to `X-Forwarded-For`. */
  trustProxy: boolean;
  /** Hours between automatic backups into `DATA_DIR/backups`; 0 means none. */
  backupIntervalHours: number;
  /** How many automatic backups to keep (the newest). */
  backupKeep: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as a shell `VAR=` line means "no value" to most people. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(env[name] ?? null)})`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    sendgridApiKey: e.SENDGRID_API_KEY,
    mailFrom: e.MAIL_FROM,
    sendgridBaseUrl: e.SENDGRID_BASE_URL.replace(/\/+$/, ''),
    mailBatchSeconds: e.MAIL_BATCH_SECONDS,
    mailClaimSeconds: e.MAIL_CLAIM_SECONDS,
    mailKeepDays: e.MAIL_KEEP_DAYS,
    appUrl: e.APP_URL?.replace(/\/+$/, ''),
    secureCookies: e.SESSION_SECURE === 'auto' ? (e.APP_URL?.startsWith('https://') ?? false) : e.SESSION_SECURE === 'true',
    logRequests: e.LOG_REQUESTS === 'true',
    trustProxy: e.TRUST_PROXY === 'true',
    backupIntervalHours: e.BACKUP_INTERVAL_HOURS,
    backupKeep: e.BACKUP_KEEP,
  };
}
