// The smartypants package (SmartyPants' JavaScript port) ships no types; only what typography.ts uses.
declare module 'smartypants' {
  /** Educates quotes, dashes and ellipses in HTML, writing them as numeric entities (&#8220; …); `attr` as in SmartyPants. */
  export function smartypants(text: string, attr?: string): string;
}
