// The editor's preview pane (src/editor/preview.css) mirrors the look of the
// article page's parts, whose styles are scoped inside their components. This
// holds the mirror to its originals: where preview.css and a component style
// the same property of the same part, the values must agree, so a change of
// look made in a component fails here until the preview follows. (The preview
// may add what its simpler markup needs: its kicker is text, not a link, so it
// takes the link's colour itself.)
import { readFileSync } from 'node:fs';
import postcss, { type Rule } from 'postcss';
import { describe, expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The root class of each mirrored part and the component that styles it. */
const PARTS: Record<string, string> = {
  '.kicker': 'src/components/Kicker.astro',
  '.pull-quote': 'src/components/PullQuote.astro',
  '.source': 'src/components/SourceLine.astro',
  '.corrections': 'src/components/CorrectionsList.astro',
  '.desk-box': 'src/components/DeskBox.astro',
};

/** Declarations by selector (each selector of a list on its own) of a stylesheet. */
function declarations(css: string): Map<string, Map<string, string>> {
  const rules = new Map<string, Map<string, string>>();
  postcss.parse(css).walkRules((rule: Rule) => {
    if (rule.parent?.type !== 'root') return; // media queries: the phone layout, not mirrored
    for (const selector of rule.selectors) {
      const decls = rules.get(selector) ?? new Map<string, string>();
      rule.walkDecls((d) => void decls.set(d.prop, d.value));
      rules.set(selector, decls);
    }
  });
  return rules;
}

const componentStyle = (file: string): string => /<style>([\s\S]*?)<\/style>/.exec(read(file))?.[1] ?? '';

describe('the editor preview’s styles', () => {
  it('give each part of the story the declarations its component gives it', () => {
    const preview = declarations(read('src/editor/preview.css'));
    const compared: string[] = []; // selector and property, for each value held to its original
    const drifted: string[] = [];
    for (const [selector, decls] of preview) {
      const root = Object.keys(PARTS).find((r) => selector === r || selector.startsWith(`${r} `));
      if (!root) continue;
      const own = declarations(componentStyle(PARTS[root]!));
      // Inside its component a part's inner elements are styled without the root class (Astro scopes them).
      const inner = selector === root ? root : selector.slice(root.length + 1);
      const original = own.get(inner) ?? own.get(selector);
      if (!original) continue; // a rule for markup only the preview draws
      for (const [prop, value] of decls) {
        if (!original.has(prop)) continue;
        if (value !== original.get(prop)) drifted.push(`${selector} { ${prop}: ${value} } but ${PARTS[root]} has ${original.get(prop)}`);
        compared.push(`${selector} ${prop}`);
      }
    }
    expect(drifted).toEqual([]);
    expect(compared.length).toBeGreaterThanOrEqual(20);
  });
});
