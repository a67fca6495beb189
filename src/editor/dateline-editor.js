// Dateline's additions to Decap CMS at /admin/ (docs/decisions/0012-editor.md),
// loaded after Decap's own bundle, which defines CMS, h and createClass:
// - the preview pane shows a story as the article page lays it out (kicker,
//   headline, dek, byline, lead image, body with pull quotes, source line,
//   corrections, desk box) with the site's own stylesheet, and says when the
//   story is a draft or scheduled (publishedAt in the future: embargoed);
// - a photo uploaded beside the story is saved as "./photo.jpg", the
//   contract's form for a file beside the article.
/* global window, document, CMS, h, createClass */

(function () {
  'use strict';

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
            data.get('publishedAt') && h('time', { dateTime: data.get('publishedAt') }, ` · ${formatDate(data.get('publishedAt'))}`),
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
      if (entry.get('collection') !== 'articles') return entry.get('data');
      // An optional field left empty is left out, as the contract has it ("updatedAt: ''" is refused).
      let data = entry.get('data').filter((value) => value !== '' && value !== null && value !== undefined);
      const problems = [];
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
})();
