import { describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { tickets } from '../../../../drizzle/schema';
import { LIMITS } from '../../../../sync/protocol/mutations';
import { drivers } from '../../../support/test-database';
import { useDeviceLab } from '../../../support/simulated-device';

/**
 * Decision 008's one assumption: a body refused for its size was not accepted on an earlier
 * attempt whose answer was lost. It breaks when the way to the server changes between the two
 * attempts: a technician sends over the depot's Wi-Fi (straight to the server), the answer is lost
 * as they drive off, and the retry goes through a forward proxy on mobile data (or a VPN) that
 * takes less.
 */
describe.each(drivers)('setting aside after a lost answer, on %s', (driver) => {
  const lab = useDeviceLab(driver);
  const { t } = lab;

  it('never answers a renumbered mutation from the stored result of the one set aside', async () => {
    const p = await lab.signedInDevice('technician', 11);
    const d = p.device;
    await d.sync();

    d.offline = true;
    const big = crypto.randomUUID();
    await d.replicator.mutate('ticket.create', { id: big, title: 'Site survey', description: 'ж'.repeat(LIMITS.description), priority: 'low' });
    await d.replicator.settle();
    d.offline = false;
    // Depot Wi-Fi: the push is applied, its answer lost.
    d.dropResponses = 1;
    await d.sync();
    d.dropResponses = 0;
    // On the road: a forward proxy that takes 30 KB, and a new small ticket.
    d.proxyBodyLimit = 30_000;
    const small = crypto.randomUUID();
    await d.replicator.mutate('ticket.create', { id: small, title: 'Gate sensor', priority: 'high' });
    await d.replicator.settle();
    await d.sync();

    // The big ticket may be on the server (its answer was lost), so it is not set aside: that would
    // renumber the small one into its id, answered from the big one's stored result, and lost.
    // Nothing moves while this connection refuses it; nothing is lost or set aside either.
    expect(await d.db.local_attention.count()).toBe(0);
    expect(await d.db.local_queue.count()).toBe(2);
    expect((await t.database.db.select({ id: tickets.id }).from(tickets).where(inArray(tickets.id, [small]))).length).toBe(0);

    // Back on a connection that takes it: the big one is answered from its stored result, the small
    // one is applied, and both are on the server exactly once.
    d.proxyBodyLimit = undefined;
    await d.sync();
    const onServer = (await t.database.db.select({ id: tickets.id }).from(tickets).where(inArray(tickets.id, [big, small]))).map((r) => r.id);
    expect(onServer.sort()).toEqual([big, small].sort());
    expect(await d.db.local_attention.count()).toBe(0);
    expect(await d.db.local_queue.count()).toBe(0);
  });
});
