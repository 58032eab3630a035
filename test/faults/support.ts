// Shared by the fault tests: a private database cloned from the run's template, and a TCP proxy in
// front of PostgreSQL that a test can cut or hang (the shared server itself is never touched).
import net from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';

let counter = 0;

/** A database of its own, cloned from the migrated (or demo-seeded) template; drop() removes it. */
export async function ownDatabase(opts: { demo?: boolean } = {}) {
  const adminUrl = process.env.DATABASE_URL ?? '';
  const template = inject(opts.demo ? 'pgDemoTemplate' : 'pgTemplate');
  const name = `kn_t_${process.ppid}_${process.pid}_faults_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    /** A plain connection for the test's own checks (not through the product). */
    async connect(applicationName = 'kn-faults-check'): Promise<pg.Client> {
      const c = new pg.Client({ connectionString: url.toString(), application_name: applicationName });
      await c.connect();
      return c;
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export type ProxyMode = 'up' | 'down' | 'hung';

/**
 * A TCP proxy to PostgreSQL. `down`: live connections are reset and new ones closed at once (a server
 * or network that is gone). `hung`: connections are accepted and kept but nothing is forwarded (a
 * black hole: the case that waits forever without timeouts). `up` again forwards new connections.
 */
export async function pgProxy(target = new URL(process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432')) {
  let mode: ProxyMode = 'up';
  const live = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    live.add(socket);
    socket.on('close', () => live.delete(socket));
    socket.on('error', () => {});
    if (mode === 'down') {
      socket.resetAndDestroy();
      return;
    }
    if (mode === 'hung') return; // accepted, never answered
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    live.add(upstream);
    upstream.on('close', () => {
      live.delete(upstream);
      socket.destroy();
    });
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    // Forward unless the proxy hangs: then bytes are swallowed in both directions.
    socket.on('data', (d) => {
      if (mode === 'up') upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (mode === 'up') socket.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const resetAll = () => {
    for (const s of live) s.resetAndDestroy();
    live.clear();
  };
  return {
    port,
    /** The same database URL, through the proxy. */
    url(databaseUrl: string): string {
      const u = new URL(databaseUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    set(next: ProxyMode) {
      // Cutting resets what is open; coming back from a hang resets what was held (as a real network does).
      if (next === 'down' || (mode === 'hung' && next === 'up')) resetAll();
      mode = next;
    },
    async close() {
      resetAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
