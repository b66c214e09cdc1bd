import { describe, expect, it } from 'vitest';
import { foldBatch } from '../../../../server/mail/domain/fold';
import type { MailEvent } from '../../../../server/mail/domain/mail-event';
import { MAX_LISTED_EVENTS } from '../../../../server/mail/domain/render';

const ticket = { id: '10000000-0000-4000-8000-000000000001', title: 'Boiler' };
const comment = (body: string): MailEvent => ({ type: 'ticketComment', at: '2026-03-09T03:40:00.000Z', arrivedAt: '2026-03-09T03:40:00.000Z', actorName: 'Priya', ticket, body });
const context = (name: string) => ({ name, timezone: 'Europe/Berlin', appUrl: 'https://sched.example.com' });

describe('folding a batch’s outbox rows into one mail', () => {
  it('lists every event once, in the order the rows were written', () => {
    const parts = [
      { events: [{ type: 'ticketAssigned', at: '2026-03-09T03:00:00.000Z', actorName: 'Dana', ticket }], renderContext: context('Sam') },
      { events: [comment('a')], renderContext: context('Sam') },
      { events: [comment('b'), comment('c')], renderContext: context('Sam') },
    ];
    const folded = foldBatch(parts);
    expect(folded?.events.map((e) => (e.type === 'ticketComment' ? e.body : e.type))).toEqual(['ticketAssigned', 'a', 'b', 'c']);
  });

  it('writes the mail for the recipient as the newest row saw them; a row from before folding has no say', () => {
    expect(foldBatch([{ events: [comment('a')], renderContext: context('Sam') }, { events: [comment('b')], renderContext: context('Samantha') }])?.context.name).toBe('Samantha');
    expect(foldBatch([{ events: [comment('a')], renderContext: context('Sam') }, { events: [comment('b')], renderContext: null }])?.context.name).toBe('Sam');
    expect(foldBatch([{ events: [comment('a')], renderContext: null }])).toBeNull();
  });

  it('keeps the text of only as many comments as a mail lists, and counts the rest', () => {
    const parts = Array.from({ length: MAX_LISTED_EVENTS + 5 }, (_, i) => ({ events: [comment(`body ${i}`)], renderContext: context('Sam') }));
    const events = foldBatch(parts)?.events ?? [];
    expect(events).toHaveLength(MAX_LISTED_EVENTS + 5);
    expect(events.map((e) => (e.type === 'ticketComment' ? e.body : '?'))).toEqual(parts.map((_, i) => (i < MAX_LISTED_EVENTS ? `body ${i}` : '')));
  });

  it('does not fold rows whose events are not what a push writes (each then goes as it is)', () => {
    expect(foldBatch([{ events: [comment('a')], renderContext: context('Sam') }, { events: [{ type: 'ticketComment' }], renderContext: context('Sam') }])).toBeNull();
    expect(foldBatch([{ events: [comment('a')], renderContext: context('Sam') }, { events: [comment('b')], renderContext: context('Sam') }])).not.toBeNull();
  });
});
