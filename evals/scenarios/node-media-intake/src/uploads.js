'use strict';

const crypto = require('node:crypto');
const { hasRoomFor } = require('./storage');

const ALLOWED = new Set(['image/jpeg', 'image/heic', 'image/png', 'video/mp4', 'video/quicktime']);
const MAX_BYTES = 2 * 1024 * 1024 * 1024;
const queue = [];

function validate(meta) {
  if (!ALLOWED.has(meta.contentType)) return 'unsupported content type';
  if (!(meta.size > 0) || meta.size > MAX_BYTES) return 'invalid size';
  if (!meta.deviceId || !meta.userId) return 'missing device or user';
  return null;
}

function acceptUpload(request) {
  const meta = request.body;
  const problem = validate(meta);
  if (problem) return { status: 400, body: { error: problem } };
  const room = hasRoomFor(meta.size);
  if (!room.ok) return { status: 507, body: { error: 'spool volume full', used: room.volume.usedPercent } };
  const id = crypto.randomUUID();
  queue.push({ id, userId: meta.userId, contentType: meta.contentType, size: meta.size });
  if (queue.length > 1000) queue.shift(); // the transcoder drains the spool; keep the recent ones
  return { status: 202, body: { id, uploadUrl: `/spool/${id}` } };
}

module.exports = { acceptUpload, queued: () => queue.length };
