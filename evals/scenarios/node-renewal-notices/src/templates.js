'use strict';

const fs = require('node:fs');
const path = require('node:path');

const DIR = path.join(__dirname, '..', 'templates');

// The templates are read once at start-up; the mailing run never changes them.
function loadTemplates() {
  const templates = new Map();
  for (const file of fs.readdirSync(DIR)) {
    if (file.endsWith('.html')) templates.set(path.basename(file, '.html'), fs.readFileSync(path.join(DIR, file), 'utf8'));
  }
  return templates;
}

module.exports = { loadTemplates };
