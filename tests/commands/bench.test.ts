// npm run bench's command line: options that only make sense together are
// refused with the usage text before anything is generated or built.
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
});
