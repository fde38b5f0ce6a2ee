'use strict';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

// Fills {{ name }} placeholders; a placeholder without a field stays as it is.
function fillTemplate(template, fields) {
  let html = template;
  for (const name of Object.keys(fields)) {
    const placeholder = new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`, 'g');
    html = html.replace(placeholder, escapeHtml(fields[name]));
  }
  return html;
}

module.exports = { fillTemplate, escapeHtml };
