'use strict';

const TYPE_FILTERS = [null, null, null, ['email', 'call'], ['ticket'], ['note', 'email', 'call']];

// Account page views: mostly the first page of the full timeline, some filtered, some paging on.
function* pageViews(accountIds, seed = 7) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  for (;;) {
    const accountId = accountIds[Math.floor(next() * accountIds.length)];
    const types = TYPE_FILTERS[Math.floor(next() * TYPE_FILTERS.length)];
    const cursor = next() < 0.8 ? 0 : 50 * (1 + Math.floor(next() * 4));
    yield { accountId, types, cursor, limit: 50 };
  }
}

module.exports = { pageViews };
