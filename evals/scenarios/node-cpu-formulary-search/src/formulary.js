'use strict';

const { normalize } = require('./normalize');

// A synthetic formulary with the shape of the real one: generic and brand
// names built from the usual stems, each in several strengths, forms and packs.
const PREFIXES = ['amlo', 'ator', 'metfor', 'lisino', 'omepra', 'sertra', 'levo', 'clopi', 'rami', 'bisopro',
  'losar', 'simva', 'panto', 'citalo', 'gaba', 'predni', 'furo', 'warfa', 'doxy', 'amoxi', 'cefa', 'tamsu',
  'fluox', 'quetia', 'ropini', 'zolpi', 'mirta', 'carve', 'spirono', 'allopu'];
const SUFFIXES = ['dipine', 'vastatin', 'min', 'pril', 'zole', 'line', 'thyroxine', 'dogrel', 'lol', 'tan',
  'prazole', 'pram', 'pentin', 'solone', 'semide', 'rin', 'cycline', 'cillin', 'lexin', 'losin', 'etine',
  'pine', 'dem', 'zapine', 'dilol', 'lactone', 'rinol'];
const BRAND_STEMS = ['Nor', 'Lip', 'Glu', 'Zes', 'Pri', 'Zo', 'Syn', 'Pla', 'Tri', 'Cor', 'Ven', 'Lu', 'Ar', 'Xa'];
const BRAND_ENDS = ['vasc', 'itor', 'cophage', 'tril', 'losec', 'loft', 'throid', 'vix', 'tace', 'dex', 'lia', 'vera'];
const FORMS = ['tablets', 'film-coated tablets', 'capsules', 'oral solution', 'dispersible tablets', 'modified-release tablets'];
const STRENGTHS = ['1 mg', '2.5 mg', '5 mg', '10 mg', '20 mg', '25 mg', '40 mg', '50 mg', '100 mg', '250 mg', '500 mg'];
const PACKS = [7, 14, 28, 30, 56, 84, 100];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rnd, list) {
  return list[Math.floor(rnd() * list.length)];
}

function buildFormulary(size = 15000, seed = 42) {
  const rnd = mulberry32(seed);
  const products = [];
  let code = 1000000;
  while (products.length < size) {
    const generic = pick(rnd, PREFIXES) + pick(rnd, SUFFIXES);
    const brand = rnd() < 0.4 ? pick(rnd, BRAND_STEMS) + pick(rnd, BRAND_ENDS) : null;
    const form = pick(rnd, FORMS);
    for (let s = 0, n = 1 + Math.floor(rnd() * 4); s < n && products.length < size; s += 1) {
      const strength = pick(rnd, STRENGTHS);
      const name = brand ? `${brand} (${generic}) ${strength} ${form}` : `${generic} ${strength} ${form}`;
      products.push({
        code: String(code += 7),
        name,
        generic,
        brand,
        strength,
        form,
        pack: pick(rnd, PACKS),
        controlled: rnd() < 0.03,
        searchName: normalize(brand ? `${brand} ${generic}` : generic),
      });
    }
  }
  return products;
}

module.exports = { buildFormulary, mulberry32 };
