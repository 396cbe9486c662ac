import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { aptInstall, fail, freePort, log, track, which } from './process-tools.mjs';

/** PING over raw TCP: true when a Redis server answers at the URL. */
export function redisAnswers(url, timeoutMs = 800) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(/^\+PONG|^-NOAUTH/.test(data.toString())));
  });
}

/**
 * REDIS_URL when set; else a Redis already answering on 127.0.0.1:6379; else Debian's redis-server started on a free
 * port with its data in `dataDir` (installed first when `install` is allowed and we are root).
 */
export async function ensureRedis({ dataDir, install = false, persistent = true }) {
  if (process.env.REDIS_URL) {
    if (!(await redisAnswers(process.env.REDIS_URL)))
      log(`REDIS_URL=${process.env.REDIS_URL} does not answer yet; the app will keep retrying.`);
    return process.env.REDIS_URL;
  }
  if (await redisAnswers('redis://127.0.0.1:6379')) {
    log('Using the Redis server already running on 127.0.0.1:6379.');
    return 'redis://127.0.0.1:6379';
  }
  let binary = which('redis-server', ['/usr/sbin', '/usr/local/bin']);
  if (!binary) {
    if (!install)
      fail(
        'Redis is needed and none is running. Install it with: sudo apt-get install -y redis-server (or set REDIS_URL).',
      );
    aptInstall(['redis-server'], 'redis-server');
    binary =
      which('redis-server', ['/usr/sbin', '/usr/local/bin']) ??
      fail('redis-server is still missing after installing it.');
  }
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--daemonize', 'no'];
  args.push(...(persistent ? ['--appendonly', 'yes', '--save', '60 1'] : ['--save', '', '--appendonly', 'no']));
  track(spawn(binary, args, { stdio: 'ignore' }));
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url)) {
      log(`Started redis-server on ${url} (data in ${dataDir}).`);
      return url;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`redis-server did not start on port ${port}.`);
}
