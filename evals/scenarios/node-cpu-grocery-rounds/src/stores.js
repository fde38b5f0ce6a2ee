'use strict';

const STORES = [
  { code: 'ST-DUB-RAT', name: 'Rathmines', lat: 53.3215, lon: -6.2661 },
  { code: 'ST-DUB-SWO', name: 'Swords', lat: 53.4597, lon: -6.2181 },
  { code: 'ST-DUB-DUN', name: 'Dun Laoghaire', lat: 53.2935, lon: -6.1343 },
  { code: 'ST-CRK-DOU', name: 'Douglas', lat: 51.8766, lon: -8.4361 },
];

/** Deterministic pseudo-random numbers (the replay must be repeatable). */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Delivery addresses within ~6 km of each store. */
function addressBook(perStore, seed) {
  const rand = rng(seed);
  const book = {};
  for (const st of STORES) {
    const list = [];
    for (let i = 0; i < perStore; i += 1) {
      list.push({
        id: `${st.code}-A${String(i).padStart(5, '0')}`,
        lat: st.lat + (rand() - 0.5) * 0.11,
        lon: st.lon + (rand() - 0.5) * 0.18,
        minutesAtDoor: 3 + Math.floor(rand() * 5),
      });
    }
    book[st.code] = list;
  }
  return book;
}

module.exports = { STORES, rng, addressBook };
