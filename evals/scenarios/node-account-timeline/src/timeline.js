'use strict';

const { SOURCES } = require('./store');

// Entries of the account page's timeline, newest first.
function newestFirst(a, b) {
  return new Date(b.occurredAt) - new Date(a.occurredAt);
}

function collect(sources, types) {
  const entries = [];
  for (const type of SOURCES) {
    if (types && !types.includes(type)) continue;
    const records = sources[type] || [];
    for (const record of records) entries.push(record);
  }
  return entries;
}

function buildTimeline(store, accountId, { types = null, limit = 50, cursor = 0 } = {}) {
  const entries = collect(store.sources(accountId), types);
  entries.sort(newestFirst);
  const pinned = entries.filter((entry) => entry.pinned).slice(0, 3);
  const page = entries.slice(cursor, cursor + limit);
  return {
    accountId,
    total: entries.length,
    pinned,
    entries: page,
    nextCursor: cursor + limit < entries.length ? cursor + limit : null,
  };
}

module.exports = { buildTimeline };
