// Dateline's additions to Decap CMS at /admin/ (docs/decisions/0012-editor.md),
// a module loaded after Decap's own bundle, which defines CMS, h and createClass
// and waits for us (manual-init.js sets CMS_MANUAL_INIT): we start it last.
// - files are read and written by ./article-file.js: an opened file keeps every
//   line the writer did not change, a new one is in npm run new's style;
// - a new story is filed in the year folder of its publishedAt, under a slug
//   the writer may give (made from the headline if not);
// - the "New story" button says "New" (Decap's English text starts with a
//   full-width plus sign that common fonts lack);
// - the preview pane shows a story as the article page lays it out (kicker,
//   headline, dek, byline, lead image, body with pull quotes, source line,
//   corrections, desk box) with the site's own stylesheet, and says when the
//   story is a draft or scheduled (publishedAt in the future: embargoed);
// - a photo uploaded beside the story is saved as "./photo.jpg", the
//   contract's form for a file beside the article.
/* global window, document, CMS, h, createClass */
import { createFormat, ORIGINAL, slugFrom } from './article-file.js';
import yaml from './js-yaml.js';

/** The format every collection's files use (src/lib/editor/cms-config.ts names it). */
const FORMAT = 'dateline-frontmatter';

{
  CMS.registerCustomFormat(FORMAT, 'md', createFormat(yaml));

  const en = CMS.getLocale('en');
  if (en) {
    const top = { ...en.collection.collectionTop, newButton: 'New %{collectionLabel}' };
    CMS.registerLocale('en', { ...en, collection: { ...en.collection, collectionTop: top } });
  }

  CMS.registerPreviewStyle('/admin/preview.css');

  /** The label of the option `value` of select field `name` (a section's or desk's name). */
  function optionLabel(collection, name, value) {
    const field = collection.get('fields').find((f) => f.get('name') === name);
    const option = field && field.get('options') && field.get('options').find((o) => o.get('value') === value);
    return option ? option.get('label') : value;
  }

  function formatDate(value) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return String(value || '');
    return date.toLocaleString(document.documentElement.lang || 'en', { dateStyle: 'long', timeStyle: 'short' });
  }

  /** "Scheduled: published at …" for a time in the future, "Draft" for a draft; nothing once it is out. */
  function status(data) {
    if (data.get('draft') === true) return { kind: 'draft', text: 'Draft: never published until Draft is unticked' };
    const at = Date.parse(data.get('publishedAt') || '');
    if (!Number.isNaN(at) && at > Date.now()) {
      return { kind: 'scheduled', text: `Scheduled: embargoed until ${formatDate(at)}; the first build after that publishes it` };
    }
    return null;
  }

  const ArticlePreview = createClass({
    render() {
      const { entry, collection, widgetFor, getAsset } = this.props;
      const data = entry.get('data');
      const quotes = (data.get('quotes') || []).toJS ? data.get('quotes').toJS() : [];
      const corrections = data.get('corrections') && data.get('corrections').toJS ? data.get('corrections').toJS() : [];
      const image = data.get('image') && data.get('image').toJS ? data.get('image').toJS() : null;
      const source = data.get('source') && data.get('source').toJS ? data.get('source').toJS() : null;
      const state = status(data);
      const section = optionLabel(collection, 'section', data.get('section'));
      const desk = optionLabel(collection, 'desk', data.get('desk'));
      const imageUrl = image && image.src ? getAsset(image.src) : null;
      return h(
        'article',
        { className: 'story-preview' },
        state && h('p', { className: `status status-${state.kind}`, role: 'status' }, state.text),
        h(
          'header',
          null,
          section && h('p', { className: 'kicker' }, section),
          h('h1', null, data.get('title') || ''),
          data.get('dek') && h('p', { className: 'dek' }, data.get('dek')),
          h(
            'p',
            { className: 'byline' },
            h('span', { className: 'desk' }, desk || ''),
            data.get('dateline') && h('span', { className: 'dateline' }, ` ${data.get('dateline')}`),
            data.get('publishedAt') &&
              h(
                'time',
                { dateTime: data.get('publishedAt') },
                `${desk || data.get('dateline') ? ' · ' : ''}${formatDate(data.get('publishedAt'))}`,
              ),
          ),
        ),
        imageUrl &&
          h(
            'figure',
            { className: 'lead-image' },
            h('img', { src: imageUrl.toString(), alt: image.alt || '' }),
            (image.caption || image.credit) &&
              h('figcaption', null, image.caption || '', image.credit && h('span', { className: 'credit' }, ` ${image.credit}`)),
          ),
        h('div', { className: 'body' }, widgetFor('body')),
        quotes.length > 0 &&
          h(
            'section',
            { className: 'quotes', 'aria-label': 'Pull quotes (placed between the paragraphs on the page)' },
            quotes.map((q, i) =>
              h(
                'figure',
                { className: 'pull-quote', key: i },
                h('blockquote', null, h('p', null, q.text || '')),
                h('figcaption', null, q.speaker || '', q.role ? `, ${q.role}` : ''),
              ),
            ),
          ),
        source &&
          source.name &&
          h('p', { className: 'source' }, 'Source: ', source.url ? h('a', { href: source.url }, source.name) : source.name),
        corrections.length > 0 &&
          h(
            'section',
            { className: 'corrections' },
            h('h2', null, 'Corrections'),
            h(
              'ul',
              null,
              corrections.map((c, i) => h('li', { key: i }, h('time', { dateTime: c.date }, formatDate(c.date)), ` ${c.text || ''}`)),
            ),
          ),
        desk && h('aside', { className: 'desk-box' }, h('p', { className: 'desk-name' }, `About ${desk}`)),
      );
    },
  });

  CMS.registerPreviewTemplate('articles', ArticlePreview);

  const blank = (value) => value === undefined || value === null || String(value).trim() === '';
  const isEmptyGroup = (group) => !group || !group.every || group.every((value) => blank(value));

  // Before a story is saved: what Decap's form cannot say ("required when an
  // image is given"), refused in the checker's words (docs/content.md), so the
  // file is never written; empty groups dropped; and a photo beside the story
  // written "./photo.jpg", the contract's form (Decap saves the bare name).
  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      const isNew = entry.get('newRecord') === true;
      // The file as it was opened, for the format to keep what did not change (never written itself).
      const opened = isNew ? '' : entry.get('raw') || '';
      if (entry.get('collection') !== 'articles') return opened ? entry.get('data').set(ORIGINAL, opened) : entry.get('data');
      // An optional field left empty is left out, as the contract has it ("updatedAt: ''" is refused).
      let data = entry.get('data').filter((value) => value !== '' && value !== null && value !== undefined);
      if (opened) data = data.set(ORIGINAL, opened);
      const problems = [];
      // Where the story is filed: content/articles/<year of publishedAt>/<slug>.md (config: path {{yearfolder}}/{{slug}}).
      const year = String(data.get('publishedAt') || '').slice(0, 4);
      if (isNew) {
        // A new story's defaults are the contract's; written only when changed, as npm run new does.
        if (data.get('draft') === false) data = data.delete('draft');
        if (data.get('featured') === false) data = data.delete('featured');
        if (data.get('live') === false) data = data.delete('live');
        if (data.get('comments') === true) data = data.delete('comments');
        const slug = slugFrom(blank(data.get('slug')) ? data.get('title') || '' : data.get('slug'));
        if (slug === '') problems.push('Address (slug): the headline has no letters or digits to make an address from: give a slug');
        data = data.set('slug', slug).set('yearfolder', year);
      } else {
        data = data.delete('slug');
        const filed = String(entry.get('path') || '')
          .split('/')
          .at(-2);
        if (/^\d{4}$/.test(year) && filed && filed !== year) {
          problems.push(
            `Published at: the story is filed under ${filed}/ and a date in ${year} would put it in the wrong year folder, ` +
              `which the editor cannot move: keep a date in ${filed}, or have the file moved to content/articles/${year}/ in the repository (git mv)`,
          );
        }
      }
      for (const key of ['image', 'source']) if (isEmptyGroup(data.get(key))) data = data.delete(key);
      const image = data.get('image');
      if (image) {
        if (blank(image.get('src')))
          problems.push('Lead image: Photo is required when an image is given: upload one, or empty the lead image');
        if (blank(image.get('alt')))
          problems.push('Lead image: Alt text is required when an image is given: describe the picture for readers who cannot see it');
        const src = image.get('src');
        if (typeof src === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(src)) data = data.setIn(['image', 'src'], `./${src}`);
      }
      const source = data.get('source');
      if (source && blank(source.get('name'))) problems.push('Source: Source name is empty: give the name of the outlet or agency');
      if (problems.length > 0) {
        window.alert(`Not saved:\n${problems.join('\n')}`);
        throw new Error(problems.join('; '));
      }
      return data;
    },
  });

  // Markdown opens in raw mode, as the config's `modes: [raw, rich_text]` means: Decap starts in rich text
  // whatever their order unless the writer chose a mode before (kept under this key), and rich text rewrites
  // the whole body (escaping brackets, re-wrapping lists) when one word is changed.
  try {
    if (window.localStorage.getItem('cms.md-mode') === null) window.localStorage.setItem('cms.md-mode', 'raw');
  } catch {
    // storage refused (private mode): Decap's own default then
  }

  CMS.init();
}
