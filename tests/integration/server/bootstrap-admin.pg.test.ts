import { describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../../../server/bootstrap-admin';
import { drivers } from '../../support/test-database';
import { startTestApp, useTestApp } from '../../support/test-app';

describe.each(drivers)('first start on %s', (driver) => {
  const t = useTestApp(driver);

  it('creates admin@example.com with a generated password that works, once', async () => {
    const made = await bootstrapAdmin(t.database.db, { adminEmail: undefined, adminPassword: undefined });
    expect(made?.email).toBe('admin@example.com');
    expect(made?.generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const res = await t.client().login('admin@example.com', made?.generatedPassword);
    expect(res.status).toBe(200);
    expect((res.body as { user: { role: string } }).user.role).toBe('admin');
    expect(await bootstrapAdmin(t.database.db, { adminEmail: 'other@example.com', adminPassword: 'whatever123' })).toBeNull();
  });

  it('uses ADMIN_EMAIL and ADMIN_PASSWORD when given', async () => {
    const other = await startTestApp(driver);
    try {
      const made = await bootstrapAdmin(other.database.db, { adminEmail: 'Office@Example.com', adminPassword: 'chosen password' });
      expect(made).toEqual({ email: 'office@example.com' });
      expect((await other.client().login('office@example.com', 'chosen password')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
