'use strict';

const crypto = require('node:crypto');
const zlib = require('node:zlib');

function chunkChecksum(chunk) {
  return zlib.crc32 ? zlib.crc32(chunk) : crypto.createHash('md5').update(chunk).digest().readUInt32BE(0);
}

function fileDigest(buffer) {
  return crypto.createHash('sha256').update(buffer).digest('hex');
}

module.exports = { chunkChecksum, fileDigest };
