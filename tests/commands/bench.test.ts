// npm run bench's command line: options that only make sense together are
// refused with the usage text before anything is generated or built; --shards
// builds a small archive in parts and holds the assembly to the single build.
import { describe, expect, it } from 'vitest';
import { runScript } from './run-script.ts';

describe('npm run bench', () => {
  it('refuses --banner and --deploy without --publish-one, and names --banner in its help', () => {
    const banner = runScript('bench', ['--articles', '10', '--banner']);
    expect(banner.status).toBe(2);
    expect(banner.output).toContain('--banner goes with --publish-one');
    expect(runScript('bench', ['--articles', '10', '--deploy']).output).toContain('--deploy goes with --publish-one');
    const help = runScript('bench', ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--banner\s+with --publish-one: after the published stories, put a breaking banner up/);
  });

  it('--shards N builds the N parts and the assembly, prints their table, and checks the assembly byte for byte', () => {
    const one = runScript('bench', ['--articles', '10', '--shards', '1']);
    expect(one.status).toBe(2);
    expect(one.output).toContain('--shards must be a whole number of 2 or more');
    // --keep-cache: Vite's and Astro's caches in the project are left to the other tests building beside this one.
    const result = runScript('bench', ['--articles', '6', '--shards', '2', '--keep-cache'], { timeout: 400_000 });
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain('| build | wall s | peak tree RSS | pages | output | pagefind |');
    for (const row of ['single \\(warm\\*?\\)', 'part 1/2', 'part 2/2', 'assemble'])
      expect(result.stdout).toMatch(new RegExp(`\\| ${row} \\| \\d+\\.\\d \\| \\d+ MiB \\|`));
    expect(result.stdout).toMatch(
      /on 2 machines at once: slowest part [\d.]+ s \+ assembly [\d.]+ s = [\d.]+ s against [\d.]+ s for the single build; assembled output byte-identical to the single build/,
    );
  }, 600_000);
});
