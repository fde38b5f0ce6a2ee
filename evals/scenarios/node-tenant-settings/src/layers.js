'use strict';

const SECTIONS = ['billing', 'editor', 'notifications', 'security', 'integrations', 'storage', 'search', 'reports'];
const PLANS = ['free', 'team', 'enterprise'];
const REGIONS = ['eu-west', 'us-east', 'ap-south'];

function seeded(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

// The product defaults: every section has groups of feature switches and limits.
function buildDefaults() {
  const random = seeded(11);
  const defaults = {};
  for (const section of SECTIONS) {
    const groups = {};
    for (let g = 0; g < 18; g += 1) {
      const group = {};
      for (let f = 0; f < 14; f += 1) {
        const roll = random();
        if (roll < 0.4) group[`flag${f}`] = roll < 0.2;
        else if (roll < 0.8) group[`limit${f}`] = Math.floor(roll * 1000);
        else group[`mode${f}`] = { value: roll < 0.9 ? 'standard' : 'strict', since: '2025-06-01' };
      }
      groups[`group${g}`] = group;
    }
    defaults[section] = groups;
  }
  return defaults;
}

function buildOverrides(random, count) {
  const overrides = {};
  for (let i = 0; i < count; i += 1) {
    const section = SECTIONS[Math.floor(random() * SECTIONS.length)];
    const group = `group${Math.floor(random() * 18)}`;
    overrides[section] = overrides[section] || {};
    overrides[section][group] = overrides[section][group] || {};
    overrides[section][group][`limit${Math.floor(random() * 14)}`] = Math.floor(random() * 5000);
  }
  return overrides;
}

function buildLayers(tenantCount = 400) {
  const random = seeded(29);
  const plans = {};
  for (const plan of PLANS) plans[plan] = buildOverrides(random, 60);
  const regions = {};
  for (const region of REGIONS) regions[region] = buildOverrides(random, 20);
  const tenants = new Map();
  for (let t = 0; t < tenantCount; t += 1) {
    tenants.set(`t-${1000 + t}`, {
      plan: PLANS[t % PLANS.length],
      region: REGIONS[Math.floor(random() * REGIONS.length)],
      overrides: buildOverrides(random, 6),
      revision: 1 + Math.floor(random() * 40),
    });
  }
  return { defaults: buildDefaults(), plans, regions, tenants };
}

module.exports = { buildLayers, SECTIONS };
