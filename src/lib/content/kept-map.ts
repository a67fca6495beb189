// A map kept in a file between builds (node:v8's serializer, which keeps Maps
// and is quicker than JSON at 100,000 entries): what one build worked out for
// the next, for the same `header` (a digest of whatever the values depend on
// besides their key, such as the code). The next file holds only what this
// build used, so entries for files gone are dropped; it is written whole or
// not at all, and only when something changed.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';

interface Stored<V> {
  version: 1;
  header: string;
  entries: Map<string, V>;
}

export class KeptMap<V> {
  /** Why nothing from the file is used, when it is not. */
  readonly discarded: string | undefined;
  hits = 0;
  misses = 0;
  readonly #previous: Map<string, V>;
  readonly #next = new Map<string, V>();
  #changed = false;
  readonly #file: string;
  readonly #header: string;

  /** `ignoreKept` starts empty whatever the file holds (and replaces it on save). */
  constructor(file: string, header: string, ignoreKept = false) {
    this.#file = file;
    this.#header = header;
    const stored = ignoreKept ? undefined : read<V>(file);
    this.discarded = ignoreKept
      ? 'asked to start afresh'
      : !stored
        ? 'none kept from an earlier build'
        : stored.header !== header
          ? 'the code or the settings changed'
          : undefined;
    this.#previous = stored && this.discarded === undefined ? stored.entries : new Map();
  }

  /** The value an earlier build kept under `key`; it is kept again only through `keep`. */
  peek(key: string): V | undefined {
    return this.#previous.get(key);
  }

  /** Keeps `value` under `key` for the next build (a hit when it is the value found). */
  keep(key: string, value: V): void {
    if (this.#previous.get(key) === value) this.hits++;
    else {
      this.misses++;
      this.#changed = true;
    }
    this.#next.set(key, value);
  }

  /** The value kept under `key`, kept again; undefined (a miss to come) when there is none. */
  get(key: string): V | undefined {
    const value = this.#previous.get(key);
    if (value !== undefined) this.keep(key, value);
    return value;
  }

  /** Writes what this build kept, when it differs from the file; then lets go of every entry. */
  save(): void {
    if (this.#changed || this.#next.size !== this.#previous.size || this.discarded !== undefined) {
      mkdirSync(dirname(this.#file), { recursive: true });
      const temp = `${this.#file}.${process.pid}.tmp`;
      writeFileSync(temp, serialize({ version: 1, header: this.#header, entries: this.#next } satisfies Stored<V>));
      renameSync(temp, this.#file);
    }
    this.#previous.clear();
    this.#next.clear();
  }
}

function read<V>(file: string): Stored<V> | undefined {
  try {
    const stored = deserialize(readFileSync(file)) as Stored<V>;
    return stored.version === 1 && stored.entries instanceof Map ? stored : undefined;
  } catch {
    return undefined; // none yet, or unreadable: start afresh
  }
}
