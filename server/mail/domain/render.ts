import { formatInTimeZone } from 'date-fns-tz';
import { calendarHrefForShift } from '../../../sync/domain/calendar-link';
import { shortDayLabel } from '../../../sync/domain/calendar-dates';
import { STATUS_LABELS } from '../../../sync/domain/ticket-status';
import { describeShift } from '../../../sync/domain/time';
import type { MailEvent } from './mail-event';

/*
 * Writes a notification mail: subject, plain text and HTML, for one recipient, from the events it
 * lists (one, or several changes to one ticket batched together). Times are in the recipient's own
 * zone; links start at the app's address. Every value a user typed is escaped in the HTML. Nothing
 * here is secret: the team sees all of it in the app anyway.
 */

export interface MailRecipient {
  name: string;
  timezone: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Control characters and every kind of line break (\r, \u2028, NEL…), as spaces. A title, name or
 * note typed with line breaks must not start a line of its own in the plain text, where it could pose
 * as the mail's own words (a fake "Open the ticket: https://…" line), nor break a subject line.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
export const flat = (s: string) => s.replace(BREAKS, ' ').replace(/\s+/g, ' ').trim();

/** Someone's words in a subject line stay readable: one line, not too long. */
const oneLine = (s: string, max = 80) => {
  const one = flat(s);
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

const COMMENT_MAX = 2_000;
/** As much of a comment as a mail quotes. */
export const clip = (s: string) => (s.length > COMMENT_MAX ? `${s.slice(0, COMMENT_MAX)}…` : s);

/** A comment's own lines, each to be quoted: any line break splits, other control characters go. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const quotedLines = (s: string) => s.split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/).map((line) => line.replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, ''));

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "Tue 3 Mar, 09:10" in the recipient's zone. */
const when = (iso: string, zone: string) => formatInTimeZone(iso, zone, 'EEE d MMM, HH:mm');

/** "3 Mar – 5 Mar" (dates are dates: no zone). */
const dateRange = (start: string, end: string) => (start === end ? shortDayLabel(start) : `${shortDayLabel(start)} – ${shortDayLabel(end)}`);

/** An action's time, and when it reached the server if that was a minute or more later (offline work). */
function writtenAt(at: string, arrivedAt: string, zone: string): string {
  const late = new Date(arrivedAt).getTime() - new Date(at).getTime() >= 60_000;
  return late ? `${when(at, zone)} (written offline; it reached the server ${when(arrivedAt, zone)})` : when(at, zone);
}

interface Block {
  /** One sentence: what happened. */
  headline: string;
  /** Quoted user text (a comment), if any. */
  quote?: string;
  /** Further lines of detail. */
  details: string[];
  link: { label: string; url: string };
}

function ticketLink(appUrl: string, ticket: { id: string }) {
  return { label: 'Open the ticket', url: `${appUrl}/tickets/${ticket.id}` };
}

function shiftLink(appUrl: string, shift: { id: string; start: string }, zone: string) {
  return { label: 'See the day in the calendar', url: `${appUrl}${calendarHrefForShift(shift, zone)}` };
}

const atPlace = (s: { locationName: string | null }) => (s.locationName ? ` at ${s.locationName}` : '');

/** The event with every one-line value a user typed (names, titles, places, notes) made one line. */
function flattened(e: MailEvent): MailEvent {
  const shift = <S extends { locationName: string | null; note: string }>(s: S): S => ({ ...s, locationName: s.locationName === null ? null : flat(s.locationName), note: flat(s.note) });
  const common = { ...e, actorName: flat(e.actorName) };
  switch (common.type) {
    case 'ticketAssigned':
    case 'ticketStatus':
    case 'ticketComment':
      return { ...common, ticket: { ...common.ticket, title: flat(common.ticket.title) } };
    case 'shiftCreated':
    case 'shiftDeleted':
      return { ...common, shift: shift(common.shift) };
    case 'shiftChanged':
      return { ...common, shift: shift(common.shift), before: shift(common.before) };
    case 'timeOffDecided':
      return common;
  }
}

function blockOf(event: MailEvent, zone: string, appUrl: string): Block {
  const e = flattened(event);
  switch (e.type) {
    case 'ticketAssigned':
      return { headline: `${e.actorName} assigned the ticket “${e.ticket.title}” to you.`, details: [`When: ${when(e.at, zone)}`], link: ticketLink(appUrl, e.ticket) };
    case 'ticketStatus':
      return {
        headline: `${e.actorName} changed the status of “${e.ticket.title}” from ${STATUS_LABELS[e.from]} to ${STATUS_LABELS[e.to]}.`,
        details: [`When: ${when(e.at, zone)}`],
        link: ticketLink(appUrl, e.ticket),
      };
    case 'ticketComment':
      return {
        headline: `${e.actorName} commented on “${e.ticket.title}”.`,
        quote: clip(e.body),
        details: [`Written: ${writtenAt(e.at, e.arrivedAt, zone)}`],
        link: ticketLink(appUrl, e.ticket),
      };
    case 'shiftCreated':
      return {
        headline: `${e.actorName} planned a shift for you: ${describeShift(e.shift.start, e.shift.end, zone)}${atPlace(e.shift)}.`,
        details: e.shift.note ? [`Note: ${e.shift.note}`] : [],
        link: shiftLink(appUrl, e.shift, zone),
      };
    case 'shiftChanged':
      return {
        headline: `${e.actorName} changed your shift: it is now ${describeShift(e.shift.start, e.shift.end, zone)}${atPlace(e.shift)}.`,
        details: [`It was: ${describeShift(e.before.start, e.before.end, zone)}${atPlace(e.before)}`, ...(e.shift.note ? [`Note: ${e.shift.note}`] : [])],
        link: shiftLink(appUrl, e.shift, zone),
      };
    case 'shiftDeleted':
      return {
        headline: `${e.actorName} removed your shift ${describeShift(e.shift.start, e.shift.end, zone)}${atPlace(e.shift)}.`,
        details: [],
        link: shiftLink(appUrl, e.shift, zone),
      };
    case 'timeOffDecided':
      return {
        headline: `${e.actorName} ${e.timeOff.status} your time off ${dateRange(e.timeOff.startDate, e.timeOff.endDate)}.`,
        details: [],
        link: { label: 'See your time off', url: `${appUrl}/time-off` },
      };
  }
}

function subjectOf(events: readonly MailEvent[], zone: string): string {
  const [first] = events;
  if (!first) return 'Technician Scheduler';
  if (events.length > 1 && 'ticket' in first) return `${oneLine(first.ticket.title)}: ${events.length} updates`;
  if (events.length > 1 && 'shift' in first) return `Your schedule: ${events.length} changes`;
  switch (first.type) {
    case 'ticketAssigned':
      return `Assigned to you: ${oneLine(first.ticket.title)}`;
    case 'ticketStatus':
      return `${oneLine(first.ticket.title)}: now ${STATUS_LABELS[first.to]}`;
    case 'ticketComment':
      return `New comment on ${oneLine(first.ticket.title)}`;
    case 'shiftCreated':
      return `New shift: ${describeShift(first.shift.start, first.shift.end, zone)}`;
    case 'shiftChanged':
      return `Shift changed: ${describeShift(first.shift.start, first.shift.end, zone)}`;
    case 'shiftDeleted':
      return `Shift removed: ${describeShift(first.shift.start, first.shift.end, zone)}`;
    case 'timeOffDecided':
      return `Time off ${first.timeOff.status}: ${dateRange(first.timeOff.startDate, first.timeOff.endDate)}`;
  }
}

const FOOTER = 'You get this mail because of your notification settings. Choose which mails you get under Profile';

/**
 * A batch lists at most this many changes; the rest are counted, and the link leads to them all. A
 * device that pushes hundreds of changes to one ticket at once makes one readable mail of bounded
 * size, and writing it again as the batch grows stays cheap.
 */
export const MAX_LISTED_EVENTS = 20;

export function renderMail(recipient: MailRecipient, events: readonly MailEvent[], appUrl: string): RenderedMail {
  const zone = recipient.timezone;
  const listed = events.slice(0, MAX_LISTED_EVENTS);
  const blocks = listed.map((e) => blockOf(e, zone, appUrl));
  const unlisted = events.length - listed.length;
  const [first] = events;
  const moreLink = first && 'ticket' in first ? ticketLink(appUrl, first.ticket) : { label: 'See the calendar', url: `${appUrl}/calendar` };
  const more = unlisted > 0 ? `…and ${unlisted} more ${unlisted === 1 ? 'change' : 'changes'} not listed here.` : null;
  const profileUrl = `${appUrl}/profile`;
  const zoneNote = `Times are in your time zone (${zone}).`;

  const name = flat(recipient.name);
  const text = [
    `Hello ${name},`,
    '',
    ...blocks.flatMap((b) => [
      b.headline,
      ...(b.quote === undefined ? [] : quotedLines(b.quote).map((line) => `> ${line}`)),
      ...b.details,
      `${b.link.label}: ${b.link.url}`,
      '',
    ]),
    ...(more ? [more, `${moreLink.label}: ${moreLink.url}`, ''] : []),
    zoneNote,
    '',
    '--',
    `${FOOTER}: ${profileUrl}`,
  ].join('\n');

  const p = (s: string) => `<p style="margin:0 0 8px">${escapeHtml(s)}</p>`;
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1b1f24;line-height:1.5">',
    p(`Hello ${name},`),
    ...blocks.map(
      (b) =>
        '<div style="margin:16px 0;padding:12px 16px;border:1px solid #d0d7de;border-radius:8px">' +
        `<p style="margin:0 0 8px;font-weight:600">${escapeHtml(b.headline)}</p>` +
        (b.quote === undefined
          ? ''
          : `<blockquote style="margin:0 0 8px;padding:4px 12px;border-left:3px solid #8c959f;white-space:pre-wrap">${escapeHtml(b.quote)}</blockquote>`) +
        b.details.map(p).join('') +
        `<p style="margin:0"><a href="${escapeHtml(b.link.url)}">${escapeHtml(b.link.label)}</a></p>` +
        '</div>',
    ),
    ...(more ? [p(more), `<p style="margin:0 0 8px"><a href="${escapeHtml(moreLink.url)}">${escapeHtml(moreLink.label)}</a></p>`] : []),
    p(zoneNote),
    `<p style="margin:24px 0 0;color:#57606a;font-size:13px">${escapeHtml(FOOTER)}: <a href="${escapeHtml(profileUrl)}">${escapeHtml(profileUrl)}</a></p>`,
    '</body></html>',
  ].join('');

  return { subject: subjectOf(events, zone), text, html };
}
