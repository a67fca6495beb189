// Runs one of scripts/*.ts as `npm run …` would (same Node, same working
// folder), with its output, exit code and optional typed-in answers.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout then stderr, for matching messages wherever they went. */
  output: string;
}

/** Runs scripts/<name>.ts with `args` in `cwd` (the repository by default). */
export function runScript(
  name: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string; timeout?: number } = {},
): ScriptResult {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', `${name}.ts`), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}${result.stderr}` };
}
