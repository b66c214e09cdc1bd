import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../server/config/config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: './data', secureCookies: false, logRequests: true, trustProxy: false });
  });

  it('gives one line per bad variable, naming it and the reason', () => {
    const lines = problems({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ADMIN_EMAIL: 'nope', SESSION_SECURE: 'maybe' });
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes('PORT'))).toMatch(/PORT must be a number \(got "eighty"\)/);
    expect(lines.find((l) => l.includes('DATABASE_URL'))).toMatch(/postgres:\/\//);
    expect(lines.find((l) => l.includes('ADMIN_EMAIL'))).toMatch(/email/);
    expect(lines.find((l) => l.includes('SESSION_SECURE'))).toMatch(/auto, true or false/);
  });

  it('refuses ports out of range and short admin passwords', () => {
    expect(problems({ PORT: '70000' })[0]).toMatch(/PORT must be between 1 and 65535/);
    expect(problems({ ADMIN_PASSWORD: 'short' })[0]).toMatch(/ADMIN_PASSWORD must be at least 8/);
  });

  it('turns on Secure cookies automatically behind an https APP_URL, and lets it be forced', () => {
    expect(loadConfig({ APP_URL: 'https://crew.example.com/' })).toMatchObject({ secureCookies: true, appUrl: 'https://crew.example.com' });
    expect(loadConfig({ APP_URL: 'http://intranet:3000' }).secureCookies).toBe(false);
    expect(loadConfig({ APP_URL: 'https://crew.example.com', SESSION_SECURE: 'false' }).secureCookies).toBe(false);
  });

  it('reads TRUST_PROXY as true or false, and refuses anything else by name', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(problems({ TRUST_PROXY: 'yes' })).toEqual(['Invalid configuration: TRUST_PROXY must be true or false (got "yes")']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 3000 });
  });

  it('reads the automatic backup interval and how many to keep, defaulting to daily and 14', () => {
    expect(loadConfig({})).toMatchObject({ backupIntervalHours: 24, backupKeep: 14 });
    expect(loadConfig({ BACKUP_INTERVAL_HOURS: '0', BACKUP_KEEP: '3' })).toMatchObject({ backupIntervalHours: 0, backupKeep: 3 });
    expect(loadConfig({ BACKUP_INTERVAL_HOURS: '0.5' }).backupIntervalHours).toBe(0.5);
    expect(problems({ BACKUP_INTERVAL_HOURS: '-1' })[0]).toMatch(/BACKUP_INTERVAL_HOURS must be 0 \(no automatic backups\) or more/);
    expect(problems({ BACKUP_KEEP: '0' })[0]).toMatch(/BACKUP_KEEP must be at least 1/);
    expect(problems({ BACKUP_KEEP: 'all' })[0]).toMatch(/BACKUP_KEEP must be a number/);
  });

  it('mail: SendGrid’s host, the batch window and the claim lease have defaults; a key needs a sender', () => {
    expect(loadConfig({})).toMatchObject({ sendgridApiKey: undefined, sendgridBaseUrl: 'https://api.sendgrid.com', mailBatchSeconds: 60, mailClaimSeconds: 120 });
    expect(loadConfig({ SENDGRID_BASE_URL: 'https://api.eu.sendgrid.com/', MAIL_BATCH_SECONDS: '0' })).toMatchObject({ sendgridBaseUrl: 'https://api.eu.sendgrid.com', mailBatchSeconds: 0 });
    expect(problems({ SENDGRID_API_KEY: 'SG.x', APP_URL: 'https://sched.example.com' })).toEqual([expect.stringMatching(/^Invalid configuration: MAIL_FROM must be set when SENDGRID_API_KEY is/)]);
    expect(problems({ SENDGRID_API_KEY: 'SG.x', MAIL_FROM: 'dispatch@example.com' })).toEqual([expect.stringMatching(/^Invalid configuration: APP_URL must be set when SENDGRID_API_KEY is/)]);
    expect(problems({ MAIL_BATCH_SECONDS: '-1' })[0]).toMatch(/MAIL_BATCH_SECONDS must be 0 or more/);
    expect(loadConfig({}).mailKeepDays).toBe(90);
    expect(loadConfig({ MAIL_KEEP_DAYS: '0' }).mailKeepDays).toBe(0);
    expect(problems({ MAIL_KEEP_DAYS: '-1' })[0]).toMatch(/MAIL_KEEP_DAYS must be 0 \(keep all mail\) or more/);
    expect(problems({ SENDGRID_BASE_URL: 'ftp://x' })[0]).toMatch(/SENDGRID_BASE_URL must be an http\(s\) URL/);
  });
});
