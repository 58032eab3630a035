import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeUser, TEST_PASSWORD, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { resetMailsSettled } from './service/links.ts';
import { anonCsrf, countWhere, linkPath, mailsTo, organisationId, withoutCsrf } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let user: TestUser;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  user = await makeUser(db, [{ role: 'coach', org: 'region' }], { email: 'glomsk@example.test' });
});

afterAll(async () => {
  await app.close();
  await db.close();
});

async function forgot(email: string, lang = 'sv') {
  const anon = new Client(app);
  anon.cookies.set('kn_lang', lang);
  const res = await anon.post('/password/forgot', { email }, { csrf: await anonCsrf(anon) });
  // The answer does not wait for the mail (no enumeration by timing): wait for it here.
  await resetMailsSettled();
  return res;
}

const NEW_PASSWORD = 'ett helt nytt långt lösenord';

describe('password reset', () => {
  let link = '';
  let signedIn: Client;

  it('answers the same whether or not the address has an account', async () => {
    signedIn = await Client.as(app, db, user);
    expect((await signedIn.get('/account')).statusCode).toBe(200);

    const known = await forgot(user.email);
    const unknown = await forgot('finns.inte@example.test');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(known.body).toContain('data-testid="forgot-sent"');
    expect(withoutCsrf(known.body)).toBe(withoutCsrf(unknown.body));
    expect(await mailsTo(db, 'finns.inte@example.test')).toHaveLength(0);

    const [mail] = await mailsTo(db, user.email);
    expect(mail?.subject).toBe('Återställ ditt lösenord i Kompetensnavet');
    expect(mail?.regionId).toBe(await organisationId(db, 'region', '07'));
    link = linkPath(mail?.bodyText ?? '', 'password/reset');
    expect(
      await countWhere(
        db,
        `one_time_tokens WHERE user_id = $1 AND purpose = 'password_reset' AND expires_at < now() + interval '61 minutes'`,
        [user.id],
      ),
    ).toBe(1);
  });

  it('a malformed address is a field error, in English too', async () => {
    const res = await forgot('inte-en-adress', 'en');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('ds-error-summary');
    expect(res.body).toContain('Enter an e-mail address');
  });

  it('the reset page asks for the new password twice and refuses a short one', async () => {
    const anon = new Client(app);
    const page = await anon.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Välj ett nytt lösenord');
    const short = await anon.post(
      link,
      { password: 'kort', confirm: 'kort' },
      { csrf: await anonCsrf(anon) },
    );
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('href="#f-password"');
  });

  it('sets the password, ends the other sessions and signs this browser in', async () => {
    const anon = new Client(app);
    const res = await anon.post(
      link,
      { password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      { csrf: await anonCsrf(anon) },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/companies');
    expect((await anon.get('/account')).statusCode).toBe(200);

    const old = await signedIn.get('/account');
    expect(old.statusCode).toBe(302);
    expect(old.headers.location).toMatch(/^\/login/);
    expect(await countWhere(db, 'auth_sessions WHERE user_id = $1', [user.id])).toBe(1);
    expect(
      await countWhere(db, `audit_log WHERE action = 'password.reset' AND entity_id = $1`, [user.id]),
    ).toBe(1);
  });

  it('the link is single-use, and only the new password works', async () => {
    const anon = new Client(app);
    expect((await anon.get(link)).statusCode).toBe(410);
    const again = await anon.post(
      link,
      { password: 'ännu ett långt lösenord', confirm: 'ännu ett långt lösenord' },
      { csrf: await anonCsrf(anon) },
    );
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Beställ en ny länk');

    const oldLogin = await anon.post(
      '/login',
      { email: user.email, password: TEST_PASSWORD },
      { csrf: await anonCsrf(anon) },
    );
    expect(oldLogin.statusCode).toBe(401);
    const newLogin = await anon.post(
      '/login',
      { email: user.email, password: NEW_PASSWORD },
      { csrf: await anonCsrf(anon) },
    );
    expect(newLogin.statusCode).toBe(303);
  });

  it('mails at most three links per account and hour, still answering the same', async () => {
    const other = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await forgot(other.email);
      expect(res.statusCode).toBe(200);
      answers.push(withoutCsrf(res.body));
    }
    expect(new Set(answers).size).toBe(1);
    expect(await mailsTo(db, other.email)).toHaveLength(3);
  });

  it('simultaneous requests cannot pass the hourly limit together', async () => {
    const other = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => forgot(other.email)));
    expect(answers.every((r) => r.statusCode === 200)).toBe(true);
    expect(await mailsTo(db, other.email)).toHaveLength(3);
  });

  it('an expired reset link is refused', async () => {
    const other = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    await forgot(other.email);
    const expired = linkPath((await mailsTo(db, other.email))[0]?.bodyText ?? '', 'password/reset');
    await db.query(`UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      other.id,
    ]);
    const res = await new Client(app).get(expired);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('Länken fungerar inte');
  });
});
