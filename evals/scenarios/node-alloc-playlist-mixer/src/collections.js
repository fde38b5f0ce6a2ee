'use strict';

// Helpers that accept any iterable (arrays from the API layer, sets from the profile store).

function contains(collection, value) {
  if (collection == null) return false;
  return Array.from(collection).includes(value);
}

function countBy(items, keyOf) {
  const counts = new Map();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return counts;
}

function topN(items, n, scoreOf) {
  return items
    .map((item) => ({ item, score: scoreOf(item) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, n)
    .map((entry) => entry.item);
}

function seededShuffle(items, seed) {
  const out = items.slice();
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

module.exports = { contains, countBy, topN, seededShuffle };
