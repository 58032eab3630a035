import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { anonCsrf, countWhere, linkPath, mailsTo, organisationId } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let ljungby: string;
let region: string;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { name: 'Anna Admin' });
  ljungby = await organisationId(db, 'municipality', '0781');
  region = await organisationId(db, 'region', '07');
});

afterAll(async () => {
  await app.close();
  await db.close();
});

async function invite(as: TestUser, form: Record<string, string>) {
  const client = await Client.as(app, db, as);
  return client.post('/admin/users/invite', { locale: 'sv', ...form });
}

describe('invitation, end to end over HTTP', () => {
  const email = 'nya.coachen@example.test';
  let link = '';

  it('a region admin invites a coach: account, membership, audit and a mail with a single-use link', async () => {
    const res = await invite(admin, { email, name: 'Nya Coachen', organisationId: ljungby, role: 'coach' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/users');

    const [mail, ...more] = await mailsTo(db, email);
    expect(more).toHaveLength(0);
    expect(mail?.subject).toBe('Inbjudan till Kompetensnavet');
    expect(mail?.status).toBe('stored');
    expect(mail?.regionId).toBe(region);
    expect(mail?.bodyText).toContain('Anna Admin');
    expect(mail?.bodyText).toContain('Coach');
    expect(mail?.bodyText).toContain('Ljungby kommun');
    expect(mail?.bodyText).toContain('Invitation to Kompetensnavet'); // the English text follows
    link = linkPath(mail?.bodyText ?? '', 'invitation');

    const users = await db.query<{ id: string; passwordHash: string | null }>(
      'SELECT id, password_hash AS "passwordHash" FROM users WHERE email = $1',
      [email],
    );
    expect(users[0]?.passwordHash).toBeNull();
    const userId = users[0]?.id ?? '';
    expect(
      await countWhere(db, `memberships WHERE user_id = $1 AND role = 'coach' AND organisation_id = $2`, [
        userId,
        ljungby,
      ]),
    ).toBe(1);
    expect(
      await countWhere(db, `audit_log WHERE action = 'membership.create' AND details->>'userId' = $1`, [
        userId,
      ]),
    ).toBe(1);
    // Only the hash of the token is stored.
    const token = link.split('/').pop() ?? '';
    expect(await countWhere(db, 'one_time_tokens WHERE token_hash = $1', [token])).toBe(0);
    expect(
      await countWhere(
        db,
        `one_time_tokens WHERE user_id = $1 AND purpose = 'invitation' AND expires_at > now() + interval '6 days'`,
        [userId],
      ),
    ).toBe(1);
  });

  it('the region admin finds the mail, with its link, in the outbox', async () => {
    const client = await Client.as(app, db, admin);
    const res = await client.get('/admin/outbox');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(email);
    expect(res.body).toContain(`http://localhost:3000${link}`);
  });

  it('the invitation page asks for a name and a password, in Swedish or English', async () => {
    const anon = new Client(app);
    const sv = await anon.get(link);
    expect(sv.statusCode).toBe(200);
    expect(sv.body).toContain('Aktivera ditt konto');
    expect(sv.body).toContain(email);
    expect(sv.body).toMatch(/<label[^>]*for="f-password"/);
    expect(sv.body).toMatch(/<label[^>]*for="f-confirm"/);
    expect(sv.headers['cache-control']).toBe('no-store');
    const en = await anon.get(link, { cookie: 'kn_lang=en' });
    expect(en.body).toContain('Activate your account');
  });

  it('refuses a short or unconfirmed password with the error summary, and keeps the link usable', async () => {
    const anon = new Client(app);
    const short = await anon.post(
      link,
      { name: 'Nya Coachen', password: 'kort', confirm: 'kort' },
      { csrf: await anonCsrf(anon) },
    );
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('ds-error-summary');
    expect(short.body).toContain('Lösenordet ska ha minst 12 tecken.');
    const mismatch = await anon.post(
      link,
      { name: 'Nya Coachen', password: 'ett långt lösenord', confirm: 'ett annat lösenord' },
      { csrf: await anonCsrf(anon) },
    );
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('Lösenorden är inte lika.');
    expect(mismatch.body).toContain('href="#f-confirm"');
  });

  it('accepting signs the person in, and the new membership works', async () => {
    const anon = new Client(app);
    const res = await anon.post(
      link,
      { name: 'Nya C. Coachen', password: 'ett långt lösenord', confirm: 'ett långt lösenord' },
      { csrf: await anonCsrf(anon) },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/companies');
    expect(anon.cookies.has('kn_session')).toBe(true);
    const account = await anon.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Nya C. Coachen');
    expect(account.body).toContain('Ljungby kommun');
    expect((await anon.get('/companies')).statusCode).toBe(200);
    expect(await countWhere(db, `audit_log WHERE action = 'invitation.accept'`, [])).toBe(1);
  });

  it('the link works once only; the password signs in', async () => {
    const again = new Client(app);
    const get = await again.get(link);
    expect(get.statusCode).toBe(410);
    expect(get.body).toContain('Länken fungerar inte');
    const post = await again.post(
      link,
      { name: 'X', password: 'ett tredje lösenord', confirm: 'ett tredje lösenord' },
      { csrf: await anonCsrf(again) },
    );
    expect(post.statusCode).toBe(410);
    expect(again.cookies.has('kn_session')).toBe(false);
    const login = await again.post(
      '/login',
      { email, password: 'ett långt lösenord' },
      { csrf: await anonCsrf(again) },
    );
    expect(login.statusCode).toBe(303);
  });

  it('an expired or unknown link gets the same clear page, never an error', async () => {
    const res = await invite(admin, {
      email: 'sen@example.test',
      name: 'Sen Person',
      organisationId: region,
      role: 'esf_admin',
    });
    expect(res.statusCode).toBe(303);
    const late = linkPath((await mailsTo(db, 'sen@example.test'))[0]?.bodyText ?? '', 'invitation');
    await db.query(
      `UPDATE one_time_tokens SET expires_at = now() - interval '1 minute'
        WHERE user_id = (SELECT id FROM users WHERE email = 'sen@example.test')`,
    );
    const anon = new Client(app);
    for (const path of [late, '/invitation/unknown-token-0123456789abcdef', '/invitation/x']) {
      const page = await anon.get(path, { cookie: 'kn_lang=en' });
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain('The link does not work');
    }
    const post = await anon.post(
      late,
      { name: 'Sen', password: 'ett långt lösenord', confirm: 'ett långt lösenord' },
      { csrf: await anonCsrf(anon) },
    );
    expect(post.statusCode).toBe(410);
  });

  it('inviting someone who already has a password gives the role and sends a notice, not a link', async () => {
    const existing = await makeUser(db, [{ role: 'coach', org: '0780' }]);
    const res = await invite(admin, {
      email: existing.email,
      name: 'Ignored',
      organisationId: ljungby,
      role: 'coach',
    });
    expect(res.statusCode).toBe(303);
    const [mail] = await mailsTo(db, existing.email);
    expect(mail?.subject).toBe('Ny roll i Kompetensnavet');
    expect(mail?.bodyText).not.toContain('/invitation/');
    const again = await invite(admin, {
      email: existing.email,
      name: 'Ignored',
      organisationId: ljungby,
      role: 'coach',
    });
    expect(again.statusCode).toBe(303);
    expect(await mailsTo(db, existing.email)).toHaveLength(1);
  });
});

describe('who may invite whom', () => {
  it('an officer cannot invite to another municipality: a validation error and nothing written', async () => {
    const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
    const vaxjo = await organisationId(db, 'municipality', '0780');
    const email = 'fel.kommun@example.test';
    const before = await countWhere(db, 'memberships', []);
    const res = await invite(officer, { email, name: 'Fel Kommun', organisationId: vaxjo, role: 'coach' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('ds-error-summary');
    expect(res.body).toContain('href="#f-organisationId"');
    expect(await countWhere(db, 'users WHERE email = $1', [email])).toBe(0);
    expect(await countWhere(db, 'memberships', [])).toBe(before);
    expect(await mailsTo(db, email)).toHaveLength(0);
  });

  it('an officer grants officer and coach roles in their own municipality only', async () => {
    const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
    const admin = await invite(officer, {
      email: 'chef@example.test',
      name: 'Chef',
      organisationId: ljungby,
      role: 'region_admin',
    });
    expect(admin.statusCode).toBe(422);
    expect(admin.body).toContain('href="#f-role"');
    expect(await countWhere(db, 'users WHERE email = $1', ['chef@example.test'])).toBe(0);
    const coach = await invite(officer, {
      email: 'lokal.coach@example.test',
      name: 'Lokal Coach',
      organisationId: ljungby,
      role: 'coach',
    });
    expect(coach.statusCode).toBe(303);
  });

  it('the invite form offers only the organisations the actor manages', async () => {
    const officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
    const page = await (await Client.as(app, db, officer)).get('/admin/users');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${ljungby}"`);
    expect(page.body).not.toContain(`value="${region}"`);
    const adminPage = await (await Client.as(app, db, admin)).get('/admin/users');
    expect(adminPage.body).toContain(`value="${region}"`);
  });

  it('a region admin of another region cannot invite to this one', async () => {
    const other = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '12' });
    const res = await invite(other, {
      email: 'annan.region@example.test',
      name: 'Annan',
      organisationId: ljungby,
      role: 'coach',
    });
    expect(res.statusCode).toBe(422);
    expect(await countWhere(db, 'users WHERE email = $1', ['annan.region@example.test'])).toBe(0);
  });
});
