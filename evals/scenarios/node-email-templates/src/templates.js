'use strict';

const fs = require('node:fs');
const path = require('node:path');

const TEMPLATE_DIR = process.env.TEMPLATE_DIR || path.join(__dirname, '..', 'templates');
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;
const PARTIAL = /\{\{>\s*([\w-]+)\s*\}\}/g;

function escapeHtml(value) {
  return String(value).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function loadTemplate(name) {
  const source = fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.html`), 'utf8');
  return source.replace(PARTIAL, (_, partial) => loadTemplate(path.join('partials', partial)));
}

function renderEmail(kind, data) {
  const content = loadTemplate(kind).replace(PLACEHOLDER, (_, key) => (key === 'rows' ? data.rows : escapeHtml(data[key] ?? '')));
  const page = loadTemplate('layout');
  return page.replace(PLACEHOLDER, (_, key) => (key === 'content' ? content : escapeHtml(data[key] ?? '')));
}

module.exports = { renderEmail };
