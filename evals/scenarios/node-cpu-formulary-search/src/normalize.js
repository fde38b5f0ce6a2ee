'use strict';

// Names are matched without case, accents, punctuation and the salt suffixes
// pharmacists leave out ("hydrochloride", "sodium" ...).
const SALTS = new Set(['hydrochloride', 'hcl', 'sodium', 'potassium', 'maleate', 'besilate', 'succinate']);

function normalize(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter((word) => word && !SALTS.has(word))
    .join(' ');
}

module.exports = { normalize };
