import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import type { Mailer } from '../../platform/mail.ts';
import { resetMailsSettled } from './service/links.ts';
import { anonCsrf, linkPath, mailsTo, organisationId } from './test-support.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** Headers and the decoded text body of a single-part message. */
function parse(raw: string): { headers: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const encoded = raw.slice(split + 4);
  const cte = headers.match(/^Content-Transfer-Encoding:\s*(\S+)/im)?.[1]?.toLowerCase();
  if (cte === 'base64') return { headers, body: Buffer.from(encoded, 'base64').toString('utf8') };
  if (cte === 'quoted-printable') {
    const bytes = encoded
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    return { headers, body: Buffer.from(bytes, 'latin1').toString('utf8') };
  }
  return { headers, body: encoded };
}

let db: Db;
let app: FastifyInstance;
let mailer: Mailer;
let server: SMTPServer;
let admin: TestUser;
const received: Received[] = [];
let serverOpen = false;

function closeServer(): Promise<void> {
  if (!serverOpen) return Promise.resolve();
  serverOpen = false;
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverOpen = true;
  const { port } = server.server.address() as AddressInfo;
  db = await testDb();
  ({ app, mailer } = await testApp(db, { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true` }));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { name: 'Smtp Admin' });
});

afterAll(async () => {
  mailer.close();
  await app.close();
  await db.close();
  await closeServer();
});

describe('mail through a real SMTP server', () => {
  it('delivers the invitation with recipient, subject and link; the outbox keeps a copy without the body', async () => {
    const email = 'smtp.mottagare@example.test';
    const client = await Client.as(app, db, admin);
    const res = await client.post('/admin/users/invite', {
      email,
      name: 'Smtp Mottagare',
      organisationId: await organisationId(db, 'municipality', '0780'),
      role: 'coach',
      locale: 'en',
    });
    expect(res.statusCode).toBe(303);

    const message = received.find((m) => m.to.includes(email));
    expect(message).toBeDefined();
    expect(message?.from).toBe('test@kompetensnavet.local');
    const { headers, body } = parse(message?.raw ?? '');
    expect(headers).toMatch(/^Subject: Invitation to Kompetensnavet$/m);
    expect(headers).toMatch(new RegExp(`^To: ${email}$`, 'm'));
    const link = linkPath(body, 'invitation');
    expect(body).toContain('Hello Smtp Mottagare');
    expect(body).toContain('Hej Smtp Mottagare'); // and the Swedish text below

    const [copy] = await mailsTo(db, email);
    expect(copy?.status).toBe('sent');
    expect(copy?.bodyText).toBe('');

    // The delivered link works.
    const anon = new Client(app);
    expect((await anon.get(link)).statusCode).toBe(200);
  });

  it('delivers the password-reset link', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: 'region' }]);
    const anon = new Client(app);
    const res = await anon.post('/password/forgot', { email: user.email }, { csrf: await anonCsrf(anon) });
    expect(res.statusCode).toBe(200);
    await resetMailsSettled();
    const message = received.find((m) => m.to.includes(user.email));
    const { body } = parse(message?.raw ?? '');
    expect((await anon.get(linkPath(body, 'password/reset'))).statusCode).toBe(200);
  });

  it('a mail server that is down does not fail the invitation: the copy says failed', async () => {
    await closeServer();
    const email = 'ingen.server@example.test';
    const client = await Client.as(app, db, admin);
    const res = await client.post('/admin/users/invite', {
      email,
      name: 'Ingen Server',
      organisationId: await organisationId(db, 'region', '07'),
      role: 'esf_admin',
      locale: 'sv',
    });
    expect(res.statusCode).toBe(303);
    const [copy] = await mailsTo(db, email);
    expect(copy?.status).toBe('failed');
  });
});
