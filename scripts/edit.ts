// `npm run edit`: the editor on this computer, with no Git host. Starts the
// local backend (decap-server, on loopback only, saving straight into the
// working copy) and the dev server, then prints where to open the editor.
// Ctrl-C stops both. README, "The editor's desk".
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createLogger } from './log.ts';

const log = createLogger('edit');
const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// The port src/lib/editor/cms-config.ts's LOCAL_BACKEND_URL names.
const BACKEND_PORT = '8081';

// Both programs found before either starts, so a missing one leaves nothing running.
const programs = {
  backend: require.resolve('decap-server/dist/index.js'),
  // astro's package exports no bin path: its folder, from the exported package.json.
  astro: join(dirname(require.resolve('astro/package.json')), 'bin/astro.mjs'),
};

const children: ChildProcess[] = [];
function start(name: string, script: string, args: string[], env: Record<string, string> = {}): void {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code) => {
    log.info(`${name} stopped${code ? ` (exit code ${code})` : ''}`);
    stop(code ?? 0);
  });
  children.push(child);
}

function stop(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

start('the local backend', programs.backend, [], {
  // Only this computer may connect: the backend writes files and has no sign-in.
  BIND_HOST: '127.0.0.1',
  PORT: BACKEND_PORT,
  GIT_REPO_DIRECTORY: root,
  MODE: 'fs',
  LOG_LEVEL: 'warn',
});
start('the dev server', programs.astro, ['dev', '--host', '127.0.0.1']);
log.info('open http://127.0.0.1:4321/admin/ to write; stories show at http://127.0.0.1:4321/ as you save. Ctrl-C stops both.');
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
