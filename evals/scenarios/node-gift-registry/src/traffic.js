'use strict';

const CURRENCIES = ['EUR', 'EUR', 'EUR', 'GBP', 'USD', 'SEK'];

// Registry page views: guests open the links the couple shared; popular lists get most views.
function* pageViews(registryIds, seed = 13) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  for (;;) {
    const skewed = Math.floor(next() * next() * registryIds.length);
    yield {
      registryId: registryIds[skewed],
      currency: CURRENCIES[Math.floor(next() * CURRENCIES.length)],
      hideFulfilled: next() < 0.3,
    };
  }
}

module.exports = { pageViews };
