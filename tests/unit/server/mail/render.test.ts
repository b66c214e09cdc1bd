import { describe, expect, it } from 'vitest';
import type { MailEvent } from '../../../../server/mail/domain/mail-event';
import { MAX_LISTED_EVENTS, renderMail } from '../../../../server/mail/domain/render';

const APP = 'https://sched.example.com';
const ticket = { id: '10000000-0000-4000-8000-000000000001', title: 'Boiler <leaks> & "drips"' };
const shift = { id: '20000000-0000-4000-8000-000000000001', start: '2026-03-09T03:30:00.000Z', end: '2026-03-09T11:30:00.000Z', locationName: 'Depot', note: '' };

describe('a notification mail', () => {
  it('shows a shift in the recipient’s own zone and links to that day in the calendar', () => {
    const event: MailEvent = { type: 'shiftChanged', at: '2026-03-01T12:00:00.000Z', actorName: 'Dana', shift, before: { ...shift, start: '2026-03-08T03:30:00.000Z', end: '2026-03-08T11:30:00.000Z' } };
    const kolkata = renderMail({ name: 'Priya', timezone: 'Asia/Kolkata' }, [event], APP);
    expect(kolkata.subject).toBe('Shift changed: Mon 9 Mar, 09:00–17:00');
    expect(kolkata.text).toContain('Dana changed your shift: it is now Mon 9 Mar, 09:00–17:00 at Depot.');
    expect(kolkata.text).toContain('It was: Sun 8 Mar, 09:00–17:00 at Depot');
    expect(kolkata.text).toContain('Times are in your time zone (Asia/Kolkata).');
    expect(kolkata.text).toContain(`${APP}/calendar?week=2026-03-09&shift=${shift.id}`);
    // The same shift for someone in Chicago (on daylight time since 8 March) is the evening before.
    expect(renderMail({ name: 'Sam', timezone: 'America/Chicago' }, [event], APP).subject).toBe('Shift changed: Sun 8 Mar, 22:30–Mon 9 Mar, 06:30');
  });

  it('says when an offline comment was written and when it reached the server', () => {
    const event: MailEvent = { type: 'ticketComment', at: '2026-03-09T03:40:00.000Z', arrivedAt: '2026-03-09T10:30:00.000Z', actorName: 'Priya', ticket, body: 'Valve replaced.\nAll dry.' };
    const mail = renderMail({ name: 'Sam', timezone: 'Asia/Kolkata' }, [event], APP);
    expect(mail.text).toContain('Written: Mon 9 Mar, 09:10 (written offline; it reached the server Mon 9 Mar, 16:00)');
    expect(mail.text).toContain('> Valve replaced.\n> All dry.');
    const online = renderMail({ name: 'Sam', timezone: 'Asia/Kolkata' }, [{ ...event, arrivedAt: '2026-03-09T03:40:02.000Z' }], APP);
    expect(online.text).toContain('Written: Mon 9 Mar, 09:10\n');
  });

  it('escapes everything a user typed in the HTML, and keeps the plain text as typed', () => {
    const event: MailEvent = { type: 'ticketComment', at: '2026-03-09T03:40:00.000Z', arrivedAt: '2026-03-09T03:40:00.000Z', actorName: '<b>Eve</b>', ticket, body: '<script>alert(1)</script><img src=x onerror=alert(2)>' };
    const mail = renderMail({ name: 'Sam & co', timezone: 'UTC' }, [event], APP);
    expect(mail.html).not.toMatch(/<script|<img|<b>Eve/);
    expect(mail.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(mail.html).toContain('Sam &#38; co');
    expect(mail.html).toContain(`<a href="${APP}/tickets/${ticket.id}">Open the ticket</a>`);
    expect(mail.text).toContain('> <script>alert(1)</script>');
    expect(mail.subject).toBe('New comment on Boiler <leaks> & "drips"');
  });

  it('a title, name, place or note typed with line breaks cannot add lines of its own to the plain text or the subject', () => {
    const forged = 'Open the ticket: https://evil.example/login';
    const title = `Boiler\r\n\r\n${forged}\u2028Bcc: all@example.com\u0085x`;
    const events: MailEvent[] = [
      { type: 'ticketAssigned', at: '2026-03-09T03:40:00.000Z', actorName: `Dana\n${forged}`, ticket: { ...ticket, title } },
      { type: 'shiftCreated', at: '2026-03-09T03:40:00.000Z', actorName: 'Dana', shift: { ...shift, locationName: `Depot\r${forged}`, note: `Bring keys\n${forged}` } },
      { type: 'ticketComment', at: '2026-03-09T03:40:00.000Z', arrivedAt: '2026-03-09T03:40:00.000Z', actorName: 'Dana', ticket, body: `fine\r${forged}\u2028${forged}` },
    ];
    for (const event of events) {
      const mail = renderMail({ name: `Sam\n${forged}`, timezone: 'UTC' }, [event], APP);
      const lines = mail.text.split(/\r\n|[\n\r\u0085\u2028\u2029]/);
      expect(lines.filter((line) => line.startsWith(forged))).toEqual([]);
      // eslint-disable-next-line no-control-regex -- no control character may reach a subject
      expect(mail.subject).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    }
    const assigned = renderMail({ name: 'Sam', timezone: 'UTC' }, [events[0] as MailEvent], APP);
    expect(assigned.subject).toBe(`Assigned to you: Boiler ${forged} Bcc: all@example.com x`);
    // A comment keeps its lines, each quoted.
    expect(renderMail({ name: 'Sam', timezone: 'UTC' }, [events[2] as MailEvent], APP).text).toContain(`> fine\n> ${forged}\n> ${forged}\n`);
  });

  it('lists a batch of changes to one ticket in one mail', () => {
    const events: MailEvent[] = [
      { type: 'ticketAssigned', at: '2026-03-09T09:00:00.000Z', actorName: 'Dana', ticket },
      { type: 'ticketStatus', at: '2026-03-09T09:00:20.000Z', actorName: 'Dana', ticket, from: 'open', to: 'in_progress' },
    ];
    const mail = renderMail({ name: 'Priya', timezone: 'UTC' }, events, APP);
    expect(mail.subject).toBe('Boiler <leaks> & "drips": 2 updates');
    expect(mail.text).toContain('Dana assigned the ticket “Boiler <leaks> & "drips"” to you.');
    expect(mail.text).toContain('from Open to In progress');
  });

  it('a batch of hundreds of changes lists the first ones and counts the rest, so the mail stays small', () => {
    const events: MailEvent[] = Array.from({ length: 300 }, (_, i) => ({ type: 'ticketComment', at: '2026-03-09T09:00:00.000Z', arrivedAt: '2026-03-09T09:00:00.000Z', actorName: 'Dana', ticket, body: `Comment number ${i} ${'x'.repeat(1_900)}` }));
    const mail = renderMail({ name: 'Priya', timezone: 'UTC' }, events, APP);
    expect(mail.subject).toBe('Boiler <leaks> & "drips": 300 updates');
    expect(mail.text.match(/Dana commented on/g)).toHaveLength(MAX_LISTED_EVENTS);
    expect(mail.text).toContain(`…and ${300 - MAX_LISTED_EVENTS} more changes not listed here.\nOpen the ticket: ${APP}/tickets/${ticket.id}`);
    expect(mail.html).toContain(`…and ${300 - MAX_LISTED_EVENTS} more changes not listed here.`);
    expect(mail.html.length).toBeLessThan(100_000);
  });

  it('a batch of shift changes for one technician is one mail about their schedule', () => {
    const events: MailEvent[] = [0, 1, 2].map((d) => ({ type: 'shiftCreated', at: '2026-03-01T12:00:00.000Z', actorName: 'Dana', shift: { ...shift, id: `20000000-0000-4000-8000-00000000000${d}`, start: `2026-03-0${d + 2}T03:30:00.000Z`, end: `2026-03-0${d + 2}T11:30:00.000Z` } }));
    const mail = renderMail({ name: 'Priya', timezone: 'Asia/Kolkata' }, events, APP);
    expect(mail.subject).toBe('Your schedule: 3 changes');
    expect(mail.text.match(/Dana planned a shift for you/g)).toHaveLength(3);
  });

  it('tells time off decisions by their dates, and links to the time off page', () => {
    const event: MailEvent = { type: 'timeOffDecided', at: '2026-03-01T12:00:00.000Z', actorName: 'Dana', timeOff: { id: '30000000-0000-4000-8000-000000000001', startDate: '2026-03-02', endDate: '2026-03-04', kind: 'vacation', status: 'denied' } };
    const mail = renderMail({ name: 'Priya', timezone: 'UTC' }, [event], APP);
    expect(mail.subject).toBe('Time off denied: Mon 2 Mar – Wed 4 Mar');
    expect(mail.text).toContain(`See your time off: ${APP}/time-off`);
  });
});
