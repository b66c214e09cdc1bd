import { describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { mailOutbox, users } from '../../../../drizzle/schema';
import type { MailEvent } from '../../../../server/mail/domain/mail-event';
import { MailWorker, type WorkerOptions } from '../../../../server/mail/worker';
import { push } from '../../../../server/sync/push';
import type { PushRequest } from '../../../../sync/protocol/push';
import { recordingTransport, windowPasses } from '../../../support/mail-outbox';
import { assignedTicket } from '../../../support/assigned-ticket';
import { drivers } from '../../../support/test-database';
import { useTestApp, type TestApp } from '../../../support/test-app';

/*
 * A push only inserts outbox rows (one per event and recipient); the worker folds a batch's rows
 * into one mail when it claims the first (server/mail/fold.ts). These tests hold that to its
 * promises: pushes about one ticket no longer contend for mail, and every event is mailed exactly
 * once however the claim or the send is cut short.
 */

const MAIL = { appUrl: 'https://sched.example.com', batchSeconds: 60 };

/**
 * Whether a push failed while reading or rewriting outbox rows (drizzle's error names the query).
 * Pushes still contend elsewhere — a fresh database's tables are small, and PostgreSQL's predicate
 * locks on them coarse — and a failure can surface at any statement of a transaction found to be in
 * a dangerous cycle, an insert included; but a push no longer reads outbox rows at all.
 */
const readsOutbox = (error: unknown) => /^\s*(select|update)\b[^;]*"mail_outbox"/i.test((error as { query?: string }).query ?? '');

const comment = (id: number, ticketId: string, body: string): PushRequest['mutations'][number] => ({
  id,
  name: 'comment.create',
  args: { id: crypto.randomUUID(), ticketId, body },
  at: new Date().toISOString(),
});

async function userRow(t: TestApp, id: string) {
  const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error('no such user');
  return row;
}

/** Comment bodies in the events of the mails `ids`, in the order the mails list them. */
async function commentsIn(t: TestApp, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await t.database.db.select({ id: mailOutbox.id, events: mailOutbox.events }).from(mailOutbox).where(inArray(mailOutbox.id, ids));
  rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  return rows.flatMap((r) => (r.events as MailEvent[]).flatMap((e) => (e.type === 'ticketComment' ? [e.body] : [])));
}

describe.each(drivers)('outbox rows folded by the worker on %s', (driver) => {
  const t = useTestApp(driver, { MAIL_BATCH_SECONDS: '60' });

  const worker = (options: Partial<WorkerOptions> = {}) => {
    const transport = recordingTransport();
    return { transport, worker: new MailWorker(t.database.db, { transport, claimMs: 60_000, ...options }) };
  };

  const ticketFor = () => assignedTicket(t);

  it('many users commenting on one ticket at once: every push applies, none is split, none fails reading or rewriting mail; the creator and the assignee each get one mail listing every comment once', async () => {
    const { adminId, techId, ticketId } = await ticketFor();
    await windowPasses(t);
    await worker().worker.drain();
    const commenters = await Promise.all(Array.from({ length: 6 }, async () => userRow(t, (await t.signedIn('technician')).userId)));

    const retries: unknown[] = [];
    const splits: number[] = [];
    const responses = await Promise.all(
      commenters.map((user, u) =>
        push(
          t.database.db,
          user,
          { clientId: crypto.randomUUID(), mutations: [1, 2, 3].map((i) => comment(i, ticketId, `comment ${u}.${i}`)) },
          { mail: MAIL, onRetry: (e) => retries.push(e), onSplit: (n) => splits.push(n) },
        ),
      ),
    );
    expect(responses.flatMap((r) => r.results.map((x) => x.status))).toEqual(Array(18).fill('applied'));
    expect(splits).toEqual([]);
    expect(retries.filter(readsOutbox)).toEqual([]);

    await windowPasses(t);
    const { transport, worker: w } = worker();
    await w.drain();
    const written = commenters.flatMap((_, u) => [1, 2, 3].map((i) => `comment ${u}.${i}`)).sort();
    for (const recipient of [adminId, techId]) {
      const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.recipientId, recipient));
      const [latest] = mails.filter((m) => m.subject.endsWith('18 updates'));
      expect(latest?.status).toBe('sent');
      expect((await commentsIn(t, [latest?.id ?? ''])).sort()).toEqual(written);
      expect(transport.sent.filter((m) => m.id === latest?.id)).toHaveLength(1);
    }
    // Each commenter hears of the comments written after their first one was (as before): never
    // of their own, and nothing is left waiting.
    expect(await t.database.db.$count(mailOutbox, eq(mailOutbox.status, 'queued'))).toBe(0);
  });

  it('a claim that fails before it commits leaves every row waiting as it was; the next claim mails each event once', async () => {
    const { admin, techId, ticketId } = await ticketFor();
    for (const body of ['first', 'second']) await admin.do('comment.create', { id: crypto.randomUUID(), ticketId, body });
    await windowPasses(t);
    const rowsBefore = await t.database.db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.recipientId, techId));
    expect(rowsBefore).toHaveLength(3);

    const failing = worker({ beforeClaimCommits: () => Promise.reject(new Error('the connection dropped before the commit')) });
    await expect(failing.worker.round()).rejects.toThrow('connection dropped');
    expect(failing.transport.sent).toEqual([]);
    const rowsAfter = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.recipientId, techId));
    expect(rowsAfter.map((r) => r.id).sort()).toEqual(rowsBefore.map((r) => r.id).sort());
    expect(rowsAfter.every((r) => r.status === 'queued' && r.attempts === 0 && (r.events as unknown[]).length === 1)).toBe(true);

    const { transport, worker: w } = worker();
    await w.drain();
    expect(transport.sent.map((m) => m.subject)).toEqual(['Shared boiler: 3 updates']);
    expect(await commentsIn(t, transport.sent.map((m) => m.id))).toEqual(['first', 'second']);
  });

  it('a sender that dies after its claim: the folded mail goes again under the same id with every event; the rows folded into it never go, and a later event is a mail of its own', async () => {
    const { admin, techId, ticketId } = await ticketFor();
    for (const body of ['one', 'two']) await admin.do('comment.create', { id: crypto.randomUUID(), ticketId, body });
    await windowPasses(t);

    const dying = worker({ claimMs: 300, onClaimed: () => Promise.reject(new Error('killed between claiming and sending')) });
    await expect(dying.worker.round()).rejects.toThrow('killed');
    const claimed = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.recipientId, techId));
    expect(claimed.map((m) => [m.attempts, m.subject])).toEqual([[1, 'Shared boiler: 3 updates']]);
    // Written while that claim was out: it cannot join a mail that may already have gone.
    await admin.do('comment.create', { id: crypto.randomUUID(), ticketId, body: 'three' });

    await new Promise((r) => setTimeout(r, 350));
    const heir = worker();
    await heir.worker.drain();
    expect(heir.transport.sent.map((m) => [m.id, m.subject])).toEqual([[claimed[0]?.id, 'Shared boiler: 3 updates']]);
    await windowPasses(t);
    await heir.worker.drain();
    expect(heir.transport.sent.map((m) => m.subject)).toEqual(['Shared boiler: 3 updates', 'New comment on Shared boiler']);
    expect(await commentsIn(t, heir.transport.sent.map((m) => m.id))).toEqual(['one', 'two', 'three']);
    expect(await t.database.db.$count(mailOutbox, and(eq(mailOutbox.recipientId, techId), eq(mailOutbox.status, 'queued')))).toBe(0);
  });

  it('while one worker folds a batch, another never claims the batch’s later rows: the batch goes out as one mail', async () => {
    const { admin, ticketId } = await ticketFor();
    const bodies = ['a', 'b', 'c', 'd', 'e'];
    for (const body of bodies) await admin.do('comment.create', { id: crypto.randomUUID(), ticketId, body });
    await windowPasses(t);

    // The first worker takes two due rows at a time and, holding them, waits before it folds.
    let goOn = () => {};
    const held = new Promise<void>((resolve) => (goOn = resolve));
    let inside = () => {};
    const claiming = new Promise<void>((resolve) => (inside = resolve));
    const first = worker({
      batchSize: 2,
      beforeFolding: async () => {
        inside();
        await held;
      },
    });
    const firstRound = first.worker.round();
    await claiming;
    const second = worker({ batchSize: 10 });
    // On PGlite the second worker waits for the first's transaction (one connection); on Postgres it runs now.
    const secondRound = second.worker.round();
    setTimeout(goOn, 200);
    await Promise.all([firstRound, secondRound]);
    await second.worker.drain();

    expect(second.transport.sent).toEqual([]);
    expect(first.transport.sent.map((m) => m.subject)).toEqual(['Shared boiler: 6 updates']);
    expect(await commentsIn(t, first.transport.sent.map((m) => m.id))).toEqual(bodies);
  });

  it('two workers claiming at once mail every event exactly once', async () => {
    const expected: string[] = [];
    for (let k = 0; k < 6; k++) {
      const { admin, ticketId } = await ticketFor();
      for (let i = 0; i < 4; i++) {
        const body = `ticket ${k} comment ${i}`;
        expected.push(body);
        await admin.do('comment.create', { id: crypto.randomUUID(), ticketId, body });
      }
    }
    await windowPasses(t);
    const a = worker({ batchSize: 2 });
    const b = worker({ batchSize: 2 });
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    const sent = [...a.transport.sent, ...b.transport.sent];
    expect(new Set(sent.map((m) => m.id)).size).toBe(sent.length);
    expect((await commentsIn(t, sent.map((m) => m.id))).sort()).toEqual(expected.sort());
    expect(await t.database.db.$count(mailOutbox, eq(mailOutbox.status, 'queued'))).toBe(0);
  });
});
