// The scripts' one small logger: plain lines to stderr, prefixed by the tool.

/** A logger whose lines start with `[name]`. */
export function createLogger(name: string): { info: (msg: string) => void; error: (msg: string) => void } {
  return {
    info: (msg) => process.stderr.write(`[${name}] ${msg}\n`),
    error: (msg) => process.stderr.write(`[${name}] ${msg}\n`),
  };
}
