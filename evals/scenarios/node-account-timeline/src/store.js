'use strict';

// In-memory stand-in for the activity sources the timeline reads (mail sync, telephony,
// notes, the ticket system and billing webhooks). Each source hands back its own records,
// with their timestamps as the ISO-8601 strings the source APIs send.

const SOURCES = ['email', 'call', 'note', 'ticket', 'invoice'];
const AUTHORS = ['amira', 'bjorn', 'chen', 'dario', 'elena', 'femi', 'grace', 'hiro'];
const OFFSETS = ['+00:00', '+01:00', '-05:00', '+05:30', '-08:00', '+09:00'];

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad(value, width = 2) {
  return String(value).padStart(width, '0');
}

function isoWithOffset(epochMs, offset) {
  const sign = offset[0] === '-' ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(epochMs + minutes * 60000);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `.${pad(local.getUTCMilliseconds(), 3)}${offset}`
  );
}

function makeRecord(rand, source, index, epochMs) {
  const offset = OFFSETS[Math.floor(rand() * OFFSETS.length)];
  return {
    id: `${source}-${index}`,
    type: source,
    occurredAt: isoWithOffset(epochMs, offset),
    author: AUTHORS[Math.floor(rand() * AUTHORS.length)],
    subject: `${source} #${index}`,
    pinned: rand() < 0.01,
  };
}

class ActivityStore {
  constructor({ accounts = 40, perSource = 900, seed = 42 } = {}) {
    const rand = mulberry32(seed);
    const now = Date.UTC(2026, 0, 15, 10, 0, 0);
    this.accounts = new Map();
    for (let a = 0; a < accounts; a += 1) {
      const bySource = {};
      for (const source of SOURCES) {
        const records = [];
        const count = Math.floor(perSource * (0.5 + rand()));
        for (let i = 0; i < count; i += 1) {
          const age = Math.floor(rand() * 730 * 86400000);
          records.push(makeRecord(rand, source, i, now - age));
        }
        bySource[source] = records;
      }
      this.accounts.set(`acct-${1000 + a}`, bySource);
    }
  }

  accountIds() {
    return [...this.accounts.keys()];
  }

  sources(accountId) {
    return this.accounts.get(accountId) || {};
  }
}

module.exports = { ActivityStore, SOURCES };
