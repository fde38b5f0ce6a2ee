'use strict';

// Just enough RFC 822 / MIME parsing for threading and the inbox view.

function parseHeaders(text, end) {
  const headers = {};
  let start = 0;
  let name = null;
  while (start < end) {
    let eol = text.indexOf('\r\n', start);
    if (eol === -1 || eol > end) eol = end;
    if (text[start] === ' ' || text[start] === '\t') {
      if (name) headers[name] += ' ' + text.slice(start, eol).trim(); // folded header line
    } else {
      const colon = text.indexOf(':', start);
      if (colon !== -1 && colon < eol) {
        name = text.slice(start, colon).toLowerCase();
        headers[name] = text.slice(colon + 1, eol).trim();
      }
    }
    start = eol + 2;
  }
  return headers;
}

function firstTextPart(text, bodyStart, contentType) {
  const match = /boundary="?([^";]+)"?/.exec(contentType || '');
  if (!match) return text.slice(bodyStart);
  const marker = `--${match[1]}`;
  let part = text.indexOf(marker, bodyStart);
  while (part !== -1) {
    const headerEnd = text.indexOf('\r\n\r\n', part);
    if (headerEnd === -1) break;
    const next = text.indexOf(marker, headerEnd);
    if (/content-type:\s*text\/plain/i.test(text.slice(part, headerEnd))) {
      return text.slice(headerEnd + 4, next === -1 ? text.length : next - 2);
    }
    part = next;
  }
  return '';
}

function parseMessage(body) {
  const text = body.toString('latin1');
  const headerEnd = text.indexOf('\r\n\r\n');
  const headers = parseHeaders(text, headerEnd === -1 ? text.length : headerEnd);
  const plain = headerEnd === -1 ? '' : firstTextPart(text, headerEnd + 4, headers['content-type']);
  return { headers, plain, size: body.length };
}

function address(value) {
  const match = /<([^>]+)>/.exec(value || '');
  return match ? match[1] : (value || '').trim();
}

module.exports = { parseMessage, address };
