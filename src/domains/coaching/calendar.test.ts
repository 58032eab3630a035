// iCalendar output parsed back with an independent parser (ical.js): the .ics download and the personal
// subscription feed (VTIMEZONE, local times in Europe/Stockholm across CET and CEST, stable UIDs, escaping,
// folding at 75 octets), the feed's secret URL (shown once, revocable, per user, stops with a disabled
// account) and who may download what.

import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { escapeText, foldLine } from '../../platform/ical.ts';
import { createEngagement } from './service/engagements.ts';
import { createMeeting } from './service/meetings.ts';

let db: Db;
let app: FastifyInstance;
let officer: TestUser;
let coach: TestUser;
let coach2: TestUser;
let contact: TestUser;
let engagementId: string;
let otherEngagementId: string;
let summer: string;
let winter: string;

const COMPANY = 'Svets, Lack; och Måleri AB';
const AGENDA = `Genomgång av kartläggningen och behoven – ${'svetsning, truckkort och ledarskap; '.repeat(4)}slut`;

const ctxOf = async (u: TestUser) => ({ actor: await actorOf(db, u.id), ip: '127.0.0.1' });

/** yyyy-mm-dd `days` from today (Stockholm). */
const inDays = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

function parse(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  const vtz = comp.getFirstSubcomponent('vtimezone');
  if (vtz) ICAL.TimezoneService.register(vtz);
  return { comp, vtz, events: comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

function checkWireFormat(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(line.includes('\n') || line.includes('\r')).toBe(false);
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  return lines;
}

const meeting = (over: Record<string, unknown>) => ({
  kind: 'on_site',
  status: 'planned',
  agenda: AGENDA,
  notes: 'HEMLIGA ANTECKNINGAR',
  ...over,
});

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  coach = await makeUser(db, [{ role: 'coach', org: 'region' }], { name: 'Cecilia Coach' });
  coach2 = await makeUser(db, [{ role: 'coach', org: 'region' }], { name: 'Bertil Coach' });
  const companyId = await makeCompany(db, officer, { name: COMPANY });
  const otherCompany = await makeCompany(db, officer, { name: 'Annat Bolag AB' });
  contact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyId}` }]);
  const officerCtx = await ctxOf(officer);
  engagementId = await createEngagement(db, officerCtx, {
    companyId,
    municipalityCode: '0781',
    coachId: coach.id,
  });
  otherEngagementId = await createEngagement(db, officerCtx, {
    companyId: otherCompany,
    municipalityCode: '0781',
    coachId: coach2.id,
  });
  const c = await ctxOf(coach);
  summer = await createMeeting(
    db,
    c,
    engagementId,
    meeting({
      heldOn: '2026-03-30',
      startsAt: '09:00',
      endsAt: '10:30',
      location: 'Fabriken; plan 2, Ljungby',
    }),
  );
  winter = await createMeeting(
    db,
    c,
    engagementId,
    meeting({ heldOn: '2026-01-15', startsAt: '09:00', minutes: 60 }),
  );
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('ical writer', () => {
  it('escapes text values and folds long lines without splitting characters', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`DESCRIPTION:${'å'.repeat(100)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`DESCRIPTION:${'å'.repeat(100)}`);
  });
});

describe('meeting.ics', () => {
  it('parses back with the VTIMEZONE, local times in CEST and CET, escaping and no notes', async () => {
    const client = await Client.as(app, db, coach);
    const res = await client.get(`/coaching/${engagementId}/meetings/${summer}/meeting.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment; filename="coaching-2026-03-30.ics"');
    const lines = checkWireFormat(res.body);
    expect(lines).toContain('DTSTART;TZID=Europe/Stockholm:20260330T090000');
    expect(lines).toContain('DTEND;TZID=Europe/Stockholm:20260330T103000');
    expect(res.body).toContain('SUMMARY:Coachning: Svets\\, Lack\\; och Måleri AB');
    expect(res.body).not.toContain('HEMLIGA');

    const { vtz, events } = parse(res.body);
    expect(vtz?.getFirstPropertyValue('tzid')).toBe('Europe/Stockholm');
    expect(vtz?.getAllSubcomponents('daylight')).toHaveLength(1);
    expect(vtz?.getAllSubcomponents('standard')).toHaveLength(1);
    expect(events).toHaveLength(1);
    const ev = events[0];
    if (!ev) throw new Error('no event');
    expect(ev.uid).toBe(`${summer}@kompetensnavet`);
    expect(ev.summary).toBe(`Coachning: ${COMPANY}`);
    expect(ev.location).toBe('Fabriken; plan 2, Ljungby');
    expect(ev.description).toContain(`Företag: ${COMPANY}`);
    expect(ev.description).toContain('Typ: På plats');
    expect(ev.description).toContain(AGENDA);
    expect(ev.startDate.zone?.tzid).toBe('Europe/Stockholm');
    expect(ev.startDate.toString()).toBe('2026-03-30T09:00:00');
    expect(ev.startDate.toJSDate().toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(ev.endDate.toJSDate().toISOString()).toBe('2026-03-30T08:30:00.000Z');

    const again = await client.get(`/coaching/${engagementId}/meetings/${summer}/meeting.ics`);
    expect(parse(again.body).events[0]?.uid).toBe(ev.uid);
  });

  it('winter time: 09:00 CET is 08:00Z; the end follows from the minutes; English for an English user', async () => {
    const client = await Client.as(app, db, contact);
    await client.get('/lang/en?back=/');
    const res = await client.get(`/coaching/${engagementId}/meetings/${winter}/meeting.ics`);
    expect(res.statusCode).toBe(200);
    checkWireFormat(res.body);
    const ev = parse(res.body).events[0];
    expect(ev?.startDate.toJSDate().toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(ev?.endDate.toJSDate().toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(ev?.summary).toBe(`Coaching: ${COMPANY}`);
    expect(res.body).not.toContain('HEMLIGA');
  });
});

describe('subscription feed', () => {
  it('is created on the page (URL shown once), lists my recent and upcoming meetings, and is revoked', async () => {
    const c = await ctxOf(coach);
    const soon = await createMeeting(
      db,
      c,
      engagementId,
      meeting({ heldOn: inDays(10), startsAt: '13:15', minutes: 45 }),
    );
    const recent = await createMeeting(
      db,
      c,
      engagementId,
      meeting({ heldOn: inDays(-10), minutes: 90, status: 'held' }),
    );
    await createMeeting(db, c, engagementId, meeting({ heldOn: inDays(-40), minutes: 90, status: 'held' }));
    await createMeeting(
      db,
      c,
      engagementId,
      meeting({ heldOn: inDays(5), minutes: 30, status: 'cancelled' }),
    );
    const theirs = await createMeeting(
      db,
      await ctxOf(coach2),
      otherEngagementId,
      meeting({ heldOn: inDays(3), minutes: 30 }),
    );

    const client = await Client.as(app, db, coach);
    const empty = await client.get('/calendar');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Du har ingen prenumerationslänk.');
    const created = await client.post('/calendar/feed', {});
    expect(created.statusCode).toBe(200);
    const url = created.body.match(
      /value="(http:\/\/localhost:3000\/calendar\/feed\/[A-Za-z0-9_-]+\.ics)"/,
    )?.[1];
    if (!url) throw new Error('no feed url');
    expect(created.body).toContain('Outlook');
    expect(created.body).toContain('Google');
    const path = new URL(url).pathname;
    const later = await client.get('/calendar');
    expect(later.body).toContain('Du har en prenumerationslänk');
    expect(later.body).not.toContain(path);

    const feed = await app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    checkWireFormat(feed.body);
    expect(feed.body).not.toContain('HEMLIGA');
    const { vtz, events } = parse(feed.body);
    expect(vtz?.getFirstPropertyValue('tzid')).toBe('Europe/Stockholm');
    const uids = events.map((e) => e.uid).sort();
    expect(uids).toEqual([`${soon}@kompetensnavet`, `${recent}@kompetensnavet`].sort());
    const upcoming = events.find((e) => e.uid === `${soon}@kompetensnavet`);
    expect(upcoming?.startDate.toString()).toBe(`${inDays(10)}T13:15:00`);
    expect(upcoming?.startDate.zone?.tzid).toBe('Europe/Stockholm');
    // A meeting without a time is an all-day event.
    expect(events.find((e) => e.uid === `${recent}@kompetensnavet`)?.startDate.isDate).toBe(true);

    // Another coach's feed has only their meetings.
    const token2 = await apiToken(db, coach2.id);
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/feed',
      headers: { authorization: `Bearer ${token2}` },
    });
    expect(other.statusCode).toBe(201);
    const otherFeed = await app.inject({
      method: 'GET',
      url: new URL((other.json() as { url: string }).url).pathname,
    });
    expect(parse(otherFeed.body).events.map((e) => e.uid)).toEqual([`${theirs}@kompetensnavet`]);

    const revoked = await client.post('/calendar/feed/revoke', {});
    expect(revoked.statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/calendar/feed/not-a-real-token-at-all-xyz.ics' })).statusCode,
    ).toBe(404);

    // A disabled account's feed stops; the API revokes.
    const otherPath = new URL((other.json() as { url: string }).url).pathname;
    await db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [coach2.id]);
    expect((await app.inject({ method: 'GET', url: otherPath })).statusCode).toBe(404);
    await db.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [coach2.id]);
    expect((await app.inject({ method: 'GET', url: otherPath })).statusCode).toBe(200);
    const del = await app.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/feed',
      headers: { authorization: `Bearer ${token2}` },
    });
    expect(del.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: otherPath })).statusCode).toBe(404);
    const again = await app.inject({
      method: 'DELETE',
      url: '/api/v1/calendar/feed',
      headers: { authorization: `Bearer ${token2}` },
    });
    expect(again.statusCode).toBe(404);

    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'calendar.feed.%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'calendar.feed.create',
      'calendar.feed.create',
      'calendar.feed.revoke',
      'calendar.feed.revoke',
    ]);
  });

  it('the calendar page is for staff only; the feed never shows a meeting of an engagement one no longer coaches', async () => {
    expect((await (await Client.as(app, db, contact)).get('/calendar')).statusCode).toBe(403);
    const client = await Client.as(app, db, officer);
    const created = await client.post('/calendar/feed', {});
    expect(created.statusCode).toBe(200);
    expect(created.body).toContain('Flödet visar bara möten i uppdrag där du själv är coach.');
    const url = created.body.match(
      /value="(http:\/\/localhost:3000\/calendar\/feed\/[A-Za-z0-9_-]+\.ics)"/,
    )?.[1];
    const feed = await app.inject({ method: 'GET', url: new URL(url ?? 'http://x/').pathname });
    expect(feed.statusCode).toBe(200);
    expect(parse(feed.body).events).toHaveLength(0);
  });
});
