'use strict';

// Lays `override` over `base` and returns a new object; neither input is modified.
// Arrays and scalars in the override replace the base value, objects merge key by key.
function deepMerge(base, override) {
  const out = {};
  for (const key of Object.keys(base)) {
    const value = base[key];
    out[key] = value !== null && typeof value === 'object' && !Array.isArray(value) ? deepMerge(value, {}) : value;
  }
  for (const key of Object.keys(override)) {
    const value = override[key];
    const current = out[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = deepMerge(current !== null && typeof current === 'object' ? current : {}, value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function mergeAll(layers) {
  return layers.reduce((acc, layer) => deepMerge(acc, layer || {}), {});
}

module.exports = { deepMerge, mergeAll };
