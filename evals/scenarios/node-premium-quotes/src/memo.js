'use strict';

// Memoisation for pure functions of plain data: results are kept per argument list.

function memoize(fn, { maxEntries = 3000 } = {}) {
  const results = new Map();
  let hits = 0;
  let misses = 0;
  function cached(...args) {
    const key = JSON.stringify(args);
    if (results.has(key)) {
      hits += 1;
      return results.get(key);
    }
    misses += 1;
    const value = fn(...args);
    if (results.size >= maxEntries) results.delete(results.keys().next().value);
    results.set(key, value);
    return value;
  }
  cached.stats = () => ({ hits, misses, size: results.size });
  return cached;
}

module.exports = { memoize };
