'use strict';

const ELLIPSIS = '…';

// Feed fields are single-line TSV cells: no tabs, no line breaks, no control characters.
function cellText(text) {
  return text.replace(/[\t\r\n\u0000-\u001f]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

// Shortens text to at most maxBytes bytes of UTF-8, ending with an ellipsis when it had to cut.
function fitToBytes(text, maxBytes) {
  if (Buffer.from(text, 'utf8').length <= maxBytes) return text;
  let cut = text;
  while (cut.length > 0 && Buffer.from(cut + ELLIPSIS, 'utf8').length > maxBytes) {
    cut = cut.slice(0, -1);
  }
  return cut.trimEnd() + ELLIPSIS;
}

function formatPrice(cents, currency = 'EUR') {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

module.exports = { cellText, fitToBytes, formatPrice };
