'use strict';

const { execSync } = require('node:child_process');

const SPOOL_DIR = process.env.SPOOL_DIR || '/tmp';
const RESERVE_BYTES = 256 * 1024 * 1024; // keep room for the transcoder's temp files

// Free bytes on the spool volume, as df reports them.
function spoolFreeBytes() {
  const output = execSync(`df -Pk ${SPOOL_DIR}`, { encoding: 'utf8' });
  const rows = output.trim().split('\n');
  if (rows.length < 2) {
    throw new Error(`unexpected df output: ${output}`);
  }
  const columns = rows[rows.length - 1].split(/\s+/);
  const availableKb = Number(columns[3]);
  if (!Number.isFinite(availableKb)) {
    throw new Error(`unexpected df output: ${output}`);
  }
  const usedPercent = Number(String(columns[4]).replace('%', ''));
  return { free: availableKb * 1024, usedPercent, mount: columns[5] };
}

function hasRoomFor(size) {
  const volume = spoolFreeBytes();
  return { ok: volume.free - size > RESERVE_BYTES, volume };
}

module.exports = { hasRoomFor, SPOOL_DIR };
