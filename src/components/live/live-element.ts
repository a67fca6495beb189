// <dl-live>: keeps a live story's updates current without a reload. It polls
// the updates.json the build writes beside the page, backing off while
// nothing changes or the server fails, not at all while the tab is hidden, and
// stops when the coverage ends. New updates are added newest first and
// announced politely. The HTML in updates.json went through the site's one
// sanitizing pipeline at build time, like the page's own.

interface UpdateJson {
  id: string;
  anchor: string;
  iso: string;
  time: string;
  when: string;
  headline: string | null;
  label: string;
  key: boolean;
  html: string;
}

interface LiveJson {
  live: boolean;
  updated: { iso: string; time: string } | null;
  updates: UpdateJson[];
}

/** First poll after this long, and again after each news. */
const BASE_MS = 30_000;
/** Quiet polls stretch to this; failures to twice it. */
const MAX_MS = 5 * 60_000;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

const timeEl = (u: UpdateJson, title = false): HTMLTimeElement =>
  el('time', { dateTime: u.iso, textContent: u.time, ...(title ? { title: u.when } : {}) });

function updateItem(u: UpdateJson): HTMLLIElement {
  const when = el('p', { className: 'when' }, el('a', { href: `#${u.anchor}` }, timeEl(u, true)));
  if (u.key) when.append(el('span', { className: 'key-label', textContent: 'Key event' }));
  const body = el('div', { className: 'update-body' });
  body.innerHTML = u.html;
  const item = el('li', { id: u.anchor, className: u.key ? 'update key' : 'update' }, when);
  if (u.headline) item.append(el('h3', { textContent: u.headline }));
  item.append(body);
  return item;
}

class LiveUpdates extends HTMLElement {
  private delay = BASE_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  connectedCallback(): void {
    document.addEventListener('visibilitychange', () => this.schedule(document.hidden ? undefined : 0));
    const built = document.getElementById('live-built');
    if (built) built.textContent = 'New updates appear here as they are published.';
    this.schedule();
  }

  /** Waits `ms` (the current back-off by default) then polls; never while the tab is hidden or after the end. */
  private schedule(ms: number | undefined = this.delay): void {
    clearTimeout(this.timer);
    if (this.stopped || document.hidden) return;
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll(): Promise<void> {
    try {
      const response = await fetch(this.dataset['src']!, { cache: 'no-cache' });
      if (response.status === 404) return this.stop();
      if (!response.ok) throw new Error(String(response.status));
      const data = (await response.json()) as LiveJson;
      this.delay = this.show(data) > 0 ? BASE_MS : Math.min(this.delay * 1.5, MAX_MS);
      if (!data.live) return this.stop();
    } catch {
      this.delay = Math.min(this.delay * 2, 2 * MAX_MS);
    }
    this.schedule();
  }

  private stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Adds the updates the page lacks, in the file's order (newest first); returns how many. */
  private show(data: LiveJson): number {
    const list = this.querySelector('ol.updates');
    const fresh = data.updates.filter((u) => !document.getElementById(u.anchor));
    if (!list || fresh.length === 0) return 0;
    const existing = (u: UpdateJson): Element | null => document.getElementById(u.anchor);
    list.append(...data.updates.map((u) => existing(u) ?? updateItem(u)));
    this.querySelector('.none')?.remove();
    const keys = data.updates.filter((u) => u.key);
    const nav = this.querySelector<HTMLElement>('.key-events');
    if (nav && keys.length > 0) {
      nav
        .querySelector('ol')
        ?.replaceChildren(...keys.map((u) => el('li', {}, el('a', { href: `#${u.anchor}` }, timeEl(u), ` ${u.label}`))));
      nav.hidden = false;
    }
    const updated = document.getElementById('live-updated-time');
    if (updated && data.updated) {
      updated.setAttribute('datetime', data.updated.iso);
      updated.textContent = data.updated.time;
    }
    const announcer = this.querySelector('[data-live-announcer]');
    if (announcer)
      announcer.textContent =
        fresh.length === 1 ? `New update: ${fresh[0]!.label}` : `${fresh.length} new updates, newest: ${fresh[0]!.label}`;
    return fresh.length;
  }
}

if (!customElements.get('dl-live')) customElements.define('dl-live', LiveUpdates);
