'use strict';

const zlib = require('node:zlib');

// Socket frames: a 5-byte header (flags, payload length) and the brotli-compressed JSON payload.
const FLAG_COMPRESSED = 0x01;

function encodeFrame(event) {
  const json = Buffer.from(JSON.stringify(event));
  const payload = zlib.brotliCompressSync(json);
  const frame = Buffer.allocUnsafe(5 + payload.length);
  frame.writeUInt8(FLAG_COMPRESSED, 0);
  frame.writeUInt32BE(payload.length, 1);
  payload.copy(frame, 5);
  return frame;
}

function decodeFrame(frame) {
  const payload = frame.subarray(5, 5 + frame.readUInt32BE(1));
  const json = frame.readUInt8(0) & FLAG_COMPRESSED ? zlib.brotliDecompressSync(payload) : payload;
  return JSON.parse(json);
}

module.exports = { encodeFrame, decodeFrame };
