// Coaching meetings through HTTP and the services: the form (validation, minutes from start and end, the
// public-records reminder), the API, optimistic concurrency, the access matrix (assigned coach, other coach,
// officers in and out of the municipality, the company contact, a removed coach), the notes-sharing rule,
// Markdown sanitising, attachments (type by content, size limit, download headers) and audit rows.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { detectType } from './service/attachments.ts';
import { assignCoach, changeStep, createEngagement, removeCoach } from './service/engagements.ts';
import { meetingSummary } from './service/meetings.ts';

let db: Db;
let app: FastifyInstance;
let officer: TestUser;
let otherOfficer: TestUser;
let coach: TestUser;
let coach2: TestUser;
let contact: TestUser;
let companyId: string;
let contactId: string;
let engagementId: string;
let meetingId: string;

const NOTES = 'Hemlig anteckning om **strategin**';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/MediaBox[0 0 10 10]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

const ctxOf = async (u: TestUser) => ({ actor: await actorOf(db, u.id), ip: '127.0.0.1' });
const base = () => `/coaching/${engagementId}/meetings`;
const apiBase = () => `/api/v1/coaching/engagements/${engagementId}/meetings`;

async function api(
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  const token = await apiToken(db, user.id);
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
}

/** multipart/form-data with one `file` part, as a signed-in client (with CSRF) or with an API token. */
async function upload(
  as: { client: Client } | { token: string },
  url: string,
  file: { name: string; data: Buffer; type: string },
) {
  const boundary = `----kn${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  if ('client' in as) {
    const csrf = await as.client.csrf();
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    );
    headers.cookie = [...as.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  } else headers.authorization = `Bearer ${as.token}`;
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return app.inject({ method: 'POST', url, headers, payload: Buffer.concat(parts) });
}

/** The inner HTML of the element with the data-testid. */
const section = (html: string, testid: string) =>
  html.match(new RegExp(`data-testid="${testid}"[^>]*>([\\s\\S]*?)</(div|p|section)>`))?.[1] ?? '';

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }], { name: 'Olle Officer' });
  otherOfficer = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }]);
  coach = await makeUser(db, [{ role: 'coach', org: 'region' }], { name: 'Cecilia Coach' });
  coach2 = await makeUser(db, [{ role: 'coach', org: 'region' }], { name: 'Bertil Coach' });
  companyId = await makeCompany(db, officer, { name: 'Ljungby Svets AB' });
  contact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyId}` }]);
  const [row] = await db.query<{ id: string }>('SELECT id FROM company_contacts WHERE company_id = $1', [
    companyId,
  ]);
  contactId = row?.id ?? '';
  engagementId = await createEngagement(db, await ctxOf(officer), {
    companyId,
    municipalityCode: '0781',
    plannedHours: 10,
    coachId: coach.id,
  });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('meeting form and API', () => {
  it('shows the form with the public-records reminder above the notes; errors re-render with 422', async () => {
    const client = await Client.as(app, db, coach);
    const form = await client.get(`${base()}/new`);
    expect(form.statusCode).toBe(200);
    const reminder = form.body.indexOf('Anteckningar som en myndighet har blir allmänna handlingar.');
    expect(reminder).toBeGreaterThan(0);
    expect(form.body.indexOf('name="notes"')).toBeGreaterThan(reminder);
    expect(form.body).toContain(`name="staff.${coach.id}" checked`);
    expect(form.body).toContain(`name="contact.${contactId}"`);

    const noDuration = await client.post(`${base()}/new`, {
      heldOn: '2026-03-30',
      kind: 'on_site',
      notes: NOTES,
      'others.0.name': 'Anna Andersson',
    });
    expect(noDuration.statusCode).toBe(422);
    expect(noDuration.body).toContain('Ange både start- och sluttid, eller mötets längd i minuter.');
    expect(noDuration.body).toContain('Hemlig anteckning om **strategin**</textarea>');
    expect(noDuration.body).toContain('value="Anna Andersson"');

    const badTimes = await client.post(`${base()}/new`, {
      heldOn: '2026-02-30',
      startsAt: '10:00',
      endsAt: '09:00',
      kind: 'on_site',
    });
    expect(badTimes.statusCode).toBe(422);
    expect(badTimes.body).toContain('Sluttiden måste vara efter starttiden.');
    expect(badTimes.body).toContain('href="#f-heldOn"');
  });

  it('computes the minutes from start and end and saves attendees', async () => {
    const client = await Client.as(app, db, coach);
    const ok = await client.post(`${base()}/new`, {
      heldOn: '2026-03-30',
      startsAt: '09:00',
      endsAt: '10:30',
      minutes: '15',
      kind: 'on_site',
      status: 'held',
      location: 'Fabriken, Ljungby',
      [`staff.${coach.id}`]: 'on',
      [`contact.${contactId}`]: 'on',
      'others.0.name': 'Anna Andersson',
      'others.0.roleTitle': 'Produktionsledare',
      agenda: 'Genomgång av kartläggningen',
      notes: NOTES,
      decisions: 'Beslut: satsa på svetsutbildning',
      nextSteps: 'Nästa steg: kontakta Komvux',
    });
    expect(ok.statusCode).toBe(303);
    meetingId = String(ok.headers.location).split('/').pop() ?? '';
    expect(ok.headers.location).toBe(`${base()}/${meetingId}`);
    const [row] = await db.query<{ minutes: number; owner: string }>(
      `SELECT m.minutes, o.name AS owner FROM coaching_meetings m JOIN organisations o ON o.id = m.owner_org_id WHERE m.id = $1`,
      [meetingId],
    );
    expect(row?.minutes).toBe(90);
    const page = await client.get(`${base()}/${meetingId}`);
    expect(page.statusCode).toBe(200);
    expect(section(page.body, 'meeting-notes')).toContain('<strong>strategin</strong>');
    expect(page.body).toContain('Anna Andersson, Produktionsledare');
    expect(page.body).toContain('Karin Kontakt');
    const list = await client.get(base());
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${base()}/new"`);
    expect(list.body).toContain('Genomförd tid: 1,5 av planerade 10 timmar.');
    expect(await meetingSummary(db, engagementId)).toMatchObject({ heldMinutes: 90, plannedCount: 0 });
  });

  it('API: 422 problem with field errors; creates with minutes; the edit form then conflicts on a stale version', async () => {
    const bad = await api(coach, 'POST', apiBase(), { heldOn: '2026-02-30', kind: 'phone' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const fields = (bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['heldOn', 'minutes']));

    const created = await api(coach, 'POST', apiBase(), {
      heldOn: '2026-01-15',
      startsAt: '09:00',
      minutes: 45,
      kind: 'phone',
      notes: 'API-anteckning',
      contactAttendees: [contactId],
    });
    expect(created.statusCode).toBe(201);
    const json = created.json() as { id: string; minutes: number; notes: string; version: number };
    expect(json).toMatchObject({ minutes: 45, notes: 'API-anteckning', version: 1 });

    // Two people edit: the first save wins, the second sees the conflict with their input kept.
    const client = await Client.as(app, db, coach);
    const edit = await client.get(`${base()}/${json.id}/edit`);
    expect(edit.body).toContain('name="version" value="1"');
    const patched = await api(coach, 'PATCH', `${apiBase()}/${json.id}`, { version: 1, location: 'Telefon' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      version: 2,
      location: 'Telefon',
      minutes: 45,
      notes: 'API-anteckning',
    });
    const stale = await client.post(`${base()}/${json.id}/edit`, {
      version: '1',
      heldOn: '2026-01-15',
      minutes: '60',
      kind: 'phone',
      notes: 'Min version av anteckningen',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Någon annan har ändrat mötet');
    expect(stale.body).toContain('Min version av anteckningen</textarea>');
    const staleApi = await api(coach, 'PATCH', `${apiBase()}/${json.id}`, { version: 1, minutes: 30 });
    expect(staleApi.statusCode).toBe(409);
    const fixed = await client.post(`${base()}/${json.id}/edit`, {
      version: '2',
      heldOn: '2026-01-15',
      minutes: '60',
      kind: 'phone',
      notes: 'Min version av anteckningen',
    });
    expect(fixed.statusCode).toBe(303);
    const [row] = await db.query<{ minutes: number; version: number }>(
      'SELECT minutes, version FROM coaching_meetings WHERE id = $1',
      [json.id],
    );
    expect(row).toEqual({ minutes: 60, version: 3 });
  });
});

describe('access', () => {
  it('the assigned coach and the officer of the municipality see it; others get 404', async () => {
    for (const u of [coach, officer]) {
      expect((await (await Client.as(app, db, u)).get(`${base()}/${meetingId}`)).statusCode).toBe(200);
      expect((await api(u, 'GET', `${apiBase()}/${meetingId}`)).statusCode).toBe(200);
    }
    for (const u of [coach2, otherOfficer]) {
      const client = await Client.as(app, db, u);
      expect((await client.get(base())).statusCode).toBe(404);
      expect((await client.get(`${base()}/${meetingId}`)).statusCode).toBe(404);
      expect((await client.get(`${base()}/${meetingId}/meeting.ics`)).statusCode).toBe(404);
      expect((await api(u, 'GET', `${apiBase()}/${meetingId}`)).statusCode).toBe(404);
      expect(
        (await api(u, 'POST', apiBase(), { heldOn: '2026-05-01', minutes: 30, kind: 'phone' })).statusCode,
      ).toBe(404);
    }
  });

  it('the company contact sees decisions and next steps, never the notes or attachments, and cannot write', async () => {
    const client = await Client.as(app, db, contact);
    const page = await client.get(`${base()}/${meetingId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Beslut: satsa på svetsutbildning');
    expect(page.body).toContain('Nästa steg: kontakta Komvux');
    expect(page.body).toContain('Genomgång av kartläggningen');
    expect(page.body).not.toContain('Hemlig anteckning');
    expect(page.body).not.toContain('strategin');
    expect(page.body).not.toContain('data-testid="attachments"');
    const list = await client.get(base());
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(`href="${base()}/new"`);
    const json = (await api(contact, 'GET', `${apiBase()}/${meetingId}`)).json() as Record<string, unknown>;
    expect(json.decisions).toBe('Beslut: satsa på svetsutbildning');
    expect('notes' in json).toBe(false);
    expect('attachments' in json).toBe(false);
    const all = (await api(contact, 'GET', apiBase())).json() as { meetings: Record<string, unknown>[] };
    expect(all.meetings.length).toBe(2);
    expect(all.meetings.every((m) => !('notes' in m))).toBe(true);
    expect(JSON.stringify(all)).not.toContain('anteckning');
    expect((await client.get(`${base()}/new`)).statusCode).toBe(403);
    expect(
      (await api(contact, 'POST', apiBase(), { heldOn: '2026-05-01', minutes: 30, kind: 'phone' }))
        .statusCode,
    ).toBe(403);
  });

  it("notes of another organisation: shown to the officer only under the programme's sharing rule", async () => {
    const client = await Client.as(app, db, officer);
    const before = await client.get(`${base()}/${meetingId}`);
    expect(before.body).not.toContain('Hemlig anteckning');
    expect(before.body).toContain('data-testid="notes-not-shared"');
    expect(before.body).toMatch(/Anteckningarna ägs av [^<]+ och delas inte med dig\./);
    expect(
      ((await api(officer, 'GET', `${apiBase()}/${meetingId}`)).json() as { notes: unknown }).notes,
    ).toBeNull();
    // Editing without access to the notes keeps them.
    const edit = await client.get(`${base()}/${meetingId}/edit`);
    expect(edit.body).not.toContain('name="notes"');
    const version = Number(edit.body.match(/name="version" value="(\d+)"/)?.[1]);
    const patched = await api(officer, 'PATCH', `${apiBase()}/${meetingId}`, {
      version,
      location: 'Kontoret',
      notes: 'Överskrivet',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ location: 'Kontoret', notes: null, version: version + 1 });
    const [kept] = await db.query<{ notes: string }>('SELECT notes FROM coaching_meetings WHERE id = $1', [
      meetingId,
    ]);
    expect(kept?.notes).toBe(NOTES);
    const programmeId = randomUUID();
    const [region] = await db.query<{ regionId: string }>(
      'SELECT region_id AS "regionId" FROM engagements WHERE id = $1',
      [engagementId],
    );
    await db.query(
      `INSERT INTO programmes (id, region_id, name, starts_on, ends_on, rule_set, coaching_notes_sharing)
       VALUES ($1, $2, 'Delat program', '2026-01-01', '2028-12-31', 'esf-plus-2021-2027', 'programme')`,
      [programmeId, region?.regionId],
    );
    await db.query('UPDATE engagements SET programme_id = $2 WHERE id = $1', [engagementId, programmeId]);
    try {
      const after = await client.get(`${base()}/${meetingId}`);
      expect(section(after.body, 'meeting-notes')).toContain('<strong>strategin</strong>');
      expect(
        ((await api(officer, 'GET', `${apiBase()}/${meetingId}`)).json() as { notes: unknown }).notes,
      ).toBe(NOTES);
    } finally {
      await db.query('UPDATE engagements SET programme_id = NULL WHERE id = $1', [engagementId]);
    }
  });

  it('a coach assigned through another organisation does not read the notes under the default rule', async () => {
    const alvesta = await makeUser(db, [{ role: 'coach', org: '0764' }]);
    const officerCtx = { actor: await actorOf(db, officer.id), ip: '127.0.0.1' };
    await assignCoach(db, officerCtx, engagementId, alvesta.id);
    try {
      const page = await (await Client.as(app, db, alvesta)).get(`${base()}/${meetingId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Hemlig anteckning');
      expect(page.body).toContain('data-testid="notes-not-shared"');
    } finally {
      await removeCoach(db, officerCtx, engagementId, alvesta.id, null);
    }
  });
});

describe('markdown', () => {
  it('keeps formatting and drops scripts, javascript: links and event handlers', async () => {
    const evil =
      '**fet** <script>alert(1)</script> [klick](javascript:alert(1)) <img src=x onerror=alert(2)> [ok](https://example.org)';
    const html = renderMarkdown(evil);
    expect(html).toContain('<strong>fet</strong>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">ok</a>');
    expect(html).not.toMatch(/<script|javascript:|onerror|<img/i);
    const res = await api(coach, 'PATCH', `${apiBase()}/${meetingId}`, {
      version: ((await api(coach, 'GET', `${apiBase()}/${meetingId}`)).json() as { version: number }).version,
      decisions: evil,
    });
    expect(res.statusCode).toBe(200);
    const page = await (await Client.as(app, db, contact)).get(`${base()}/${meetingId}`);
    const decisions = section(page.body, 'meeting-decisions');
    expect(decisions).toContain('<strong>fet</strong>');
    expect(decisions).not.toMatch(/<script|javascript:|onerror/i);
  });
});

describe('attachments', () => {
  it('accepts a PDF and a PNG by content; refuses HTML named .pdf and files over 10 MB', async () => {
    const client = await Client.as(app, db, coach);
    const url = `${base()}/${meetingId}/attachments`;
    const pdf = await upload({ client }, url, {
      name: '../Protokoll <mars>|.pdf',
      data: PDF,
      type: 'application/pdf',
    });
    expect(pdf.statusCode).toBe(303);
    const token = await apiToken(db, coach.id);
    const png = await upload({ token }, `${apiBase()}/${meetingId}/attachments`, {
      name: 'tavla.txt',
      data: PNG,
      type: 'text/plain',
    });
    expect(png.statusCode).toBe(201);
    expect(png.json()).toMatchObject({
      fileName: 'tavla.png',
      mediaType: 'image/png',
      sizeBytes: PNG.length,
    });
    const html = await upload({ client }, url, {
      name: 'faktura.pdf',
      data: Buffer.from('<html><script>alert(1)</script></html>'),
      type: 'application/pdf',
    });
    expect(html.statusCode).toBe(422);
    expect(html.body).toContain('Filtypen tillåts inte.');
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    PDF.copy(big);
    const tooBig = await upload({ client }, url, { name: 'stor.pdf', data: big, type: 'application/pdf' });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.body).toContain('Filen är för stor. Den får vara högst 10 MB.');
    // Below the limit but above the form body limit.
    const medium = Buffer.alloc(3 * 1024 * 1024, 0x20);
    PDF.copy(medium);
    expect(
      (await upload({ client }, url, { name: 'mellan.pdf', data: medium, type: 'application/pdf' }))
        .statusCode,
    ).toBe(303);
    const rows = await db.query<{ fileName: string; mediaType: string }>(
      'SELECT file_name AS "fileName", media_type AS "mediaType" FROM coaching_attachments WHERE meeting_id = $1 ORDER BY created_at',
      [meetingId],
    );
    expect(rows).toEqual([
      { fileName: 'Protokoll mars.pdf', mediaType: 'application/pdf' },
      { fileName: 'tavla.png', mediaType: 'image/png' },
      { fileName: 'mellan.pdf', mediaType: 'application/pdf' },
    ]);
  });

  it('detects Office Open XML and OpenDocument zips, not a plain zip', () => {
    const local = (name: string, data: string) => {
      const h = Buffer.alloc(30);
      h.writeUInt32LE(0x04034b50, 0);
      h.writeUInt32LE(data.length, 18);
      h.writeUInt32LE(data.length, 22);
      h.writeUInt16LE(name.length, 26);
      return Buffer.concat([h, Buffer.from(name), Buffer.from(data)]);
    };
    const docx = Buffer.concat([
      local('[Content_Types].xml', '<Types/>'),
      local('word/document.xml', '<w/>'),
    ]);
    expect(detectType(docx)?.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const odt = local('mimetype', 'application/vnd.oasis.opendocument.text');
    expect(detectType(odt)).toEqual({ mediaType: 'application/vnd.oasis.opendocument.text', ext: 'odt' });
    expect(detectType(local('readme.txt', 'hej'))).toBeNull();
  });

  it('downloads as an attachment with nosniff for staff who read the notes; 404 for others; deletes', async () => {
    const client = await Client.as(app, db, coach);
    const page = await client.get(`${base()}/${meetingId}`);
    const href = page.body.match(
      new RegExp(`href="(${base()}/${meetingId}/attachments/[0-9a-f-]{36})"`),
    )?.[1];
    if (!href) throw new Error('no attachment link');
    const res = await client.get(href);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('attachment; filename="Protokoll mars.pdf"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect((await (await Client.as(app, db, contact)).get(href)).statusCode).toBe(404);
    expect((await (await Client.as(app, db, officer)).get(href)).statusCode).toBe(404);
    const del = await client.post(`${href}/delete`, {});
    expect(del.statusCode).toBe(303);
    expect((await client.get(href)).statusCode).toBe(404);
  });
});

describe('delete and audit', () => {
  it('deletes after a confirmation page; audit rows never carry the note text', async () => {
    const client = await Client.as(app, db, officer);
    const created = await api(coach, 'POST', apiBase(), {
      heldOn: '2026-06-01',
      minutes: 30,
      kind: 'digital',
      notes: 'Ska bort',
    });
    const id = (created.json() as { id: string }).id;
    const confirm = await client.get(`${base()}/${id}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`action="${base()}/${id}/delete"`);
    expect((await client.post(`${base()}/${id}/delete`, {})).statusCode).toBe(303);
    expect((await api(coach, 'GET', `${apiBase()}/${id}`)).statusCode).toBe(404);
    const audit = await db.query<{ action: string; details: unknown }>(
      `SELECT action, details FROM audit_log WHERE action LIKE 'coaching.meeting.%' OR action LIKE 'coaching.attachment.%'`,
    );
    const actions = new Set(audit.map((a) => a.action));
    for (const a of ['create', 'update', 'delete']) expect(actions.has(`coaching.meeting.${a}`)).toBe(true);
    expect(actions.has('coaching.attachment.upload')).toBe(true);
    expect(actions.has('coaching.attachment.delete')).toBe(true);
    const text = JSON.stringify(audit);
    expect(text).not.toContain('Hemlig');
    expect(text).not.toContain('anteckning');
    expect(text).not.toContain('Ska bort');
  });

  it('a coach removed from the engagement loses access at once', async () => {
    const client = await Client.as(app, db, coach);
    expect((await client.get(`${base()}/${meetingId}`)).statusCode).toBe(200);
    await removeCoach(db, await ctxOf(officer), engagementId, coach.id, 'Byter coach');
    expect((await client.get(`${base()}/${meetingId}`)).statusCode).toBe(404);
    expect((await api(coach, 'GET', apiBase())).statusCode).toBe(404);
    await assignCoach(db, await ctxOf(officer), engagementId, coach2.id);
    const page = await (await Client.as(app, db, coach2)).get(`${base()}/${meetingId}`);
    expect(page.statusCode).toBe(200);
    // Under the organisation rule a current coach reads the notes.
    expect(section(page.body, 'meeting-notes')).toContain('<strong>strategin</strong>');
  });

  it('a closed engagement keeps its meetings readable but takes no new ones or changes', async () => {
    await changeStep(db, await ctxOf(officer), engagementId, { to: 'closed', reason: 'Företaget avbröt' });
    const client = await Client.as(app, db, coach2);
    const list = await client.get(base());
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Uppdraget är avslutat och möten kan inte ändras.');
    expect(list.body).not.toContain(`href="${base()}/new"`);
    expect((await client.get(`${base()}/${meetingId}`)).statusCode).toBe(200);
    expect((await client.get(`${base()}/new`)).statusCode).toBe(403);
    expect(
      (await api(coach2, 'POST', apiBase(), { heldOn: '2026-05-01', minutes: 30, kind: 'phone' })).statusCode,
    ).toBe(403);
  });
});
