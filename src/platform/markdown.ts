// Markdown written in plain textareas (meeting notes, decisions), rendered to HTML through an allow-list:
// raw HTML tags in the source are dropped, never passed on; links keep only http, https and mailto and get
// rel="noopener noreferrer"; images, scripts, styles and event attributes never survive.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML blocks and inline tags are dropped (their text content between tags stays as text).
    html() {
      return '';
    },
    // No remote images (tracking, mixed content): the alt text and the address as text.
    image(token) {
      return escapeHtml(token.text || token.href);
    },
  },
});

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'], th: ['scope'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
    // Headings of notes sit below the page's own h1/h2.
    h1: 'h3',
    h2: 'h4',
  },
};

/** Markdown to sanitised HTML (safe to insert unescaped). Empty input gives ''. */
export function renderMarkdown(source: string): string {
  if (source.trim() === '') return '';
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, allowed).trim();
}
