// The W3C Nu Html Checker (vnu.jar, shipped in the npm package vnu-jar), run
// with the machine's Java: it reads HTML as browsers do, so it catches what
// html-validate does not (a script after </html> is a stray start tag).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

/** One message from the checker, by file. */
export interface NuMessage {
  file: string;
  line: number | undefined;
  type: string;
  message: string;
}

/**
 * Checks every file in one run of the checker (Java is slow to start) and
 * returns its messages, errors and warnings alike. A missing Java fails with
 * how to install it: a validator that cannot run is never a pass.
 */
export function nuCheck(files: readonly string[], java = process.env['JAVA'] ?? 'java'): NuMessage[] {
  const run = spawnSync(java, ['-jar', JAR, '--format', 'json', '--stdout', '--exit-zero-always', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
  });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      `The Nu Html Checker needs Java, and "${java}" was not found. Install it with "apt-get install -y default-jre-headless" (Debian), or set JAVA to a Java 17+ binary.`,
    );
  }
  if (run.error || run.status !== 0)
    throw new Error(`The Nu Html Checker did not run (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as {
    messages: { url?: string; lastLine?: number; type: string; subType?: string; message: string }[];
  };
  return report.messages.map((m) => ({
    file: m.url ? decodeURIComponent(new URL(m.url).pathname) : '',
    line: m.lastLine,
    type: m.subType ? `${m.type} ${m.subType}` : m.type,
    message: m.message,
  }));
}
