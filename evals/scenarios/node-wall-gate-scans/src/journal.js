'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROTATE_BYTES = 16 * 1024 * 1024;

// Append-only journal of admission decisions, one JSON line per scan. The box office
// replays it after a restart, so a decision must not be lost once the gate has opened.
class ScanJournal {
  constructor(eventId, dir = process.env.JOURNAL_DIR || os.tmpdir()) {
    this.dir = path.join(dir, `gate-scans-${process.pid}`);
    fs.mkdirSync(this.dir, { recursive: true });
    this.eventId = eventId;
    this.part = 0;
    this.records = 0;
    this.open();
  }

  open() {
    this.file = path.join(this.dir, `${this.eventId}.${this.part}.jsonl`);
    this.fd = fs.openSync(this.file, 'a');
    this.bytes = 0;
  }

  append(record) {
    const line = `${JSON.stringify(record)}\n`;
    fs.writeSync(this.fd, line);
    fs.fdatasyncSync(this.fd);
    this.bytes += Buffer.byteLength(line);
    this.records += 1;
    if (this.bytes > ROTATE_BYTES) this.rotate();
  }

  rotate() {
    fs.closeSync(this.fd);
    fs.unlinkSync(this.file); // shipped to the box office by the uploader in production
    this.part += 1;
    this.open();
  }

  close({ remove = false } = {}) {
    fs.closeSync(this.fd);
    if (remove) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

module.exports = { ScanJournal };
