'use strict';

const zlib = require('node:zlib');

function acceptsGzip(request) {
  return /\bgzip\b/.test(request.headers['accept-encoding'] || '');
}

function encodeResponse(request, payload) {
  const body = Buffer.from(JSON.stringify(payload));
  if (!acceptsGzip(request)) {
    return { status: 200, headers: { 'content-type': 'application/json', 'content-length': body.length }, body };
  }
  const compressed = zlib.gzipSync(body, { level: 9 });
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': compressed.length, vary: 'accept-encoding' },
    body: compressed,
  };
}

module.exports = { encodeResponse };
