'use strict';

const WORDS = {
  de: ['hochwertige', 'Größe', 'wasserabweisend', 'für', 'Übergangsjacke', 'atmungsaktiv', 'Reißverschluss', 'Kapuze', 'Baumwolle', 'pflegeleicht', 'Außentasche', 'langlebig'],
  en: ['premium', 'lightweight', 'water-repellent', 'jacket', 'breathable', 'zip', 'hood', 'organic', 'cotton', 'easy-care', 'pocket', 'durable'],
  fr: ['élégante', 'légère', 'déperlante', 'veste', 'respirante', 'fermeture', 'capuche', 'coton', 'entretien', 'poche', 'résistante', 'été'],
  sv: ['smidig', 'lätt', 'vattenavvisande', 'jacka', 'andningsbar', 'dragkedja', 'huva', 'bomull', 'lättskött', 'ficka', 'hållbar', 'året'],
};
const BRANDS = ['Nordvik', 'Alpenlust', 'Maison Lévy', 'Fjällräv', 'Urban Trail', 'Küstenwind'];

function sentence(rng, words, n) {
  const out = [];
  for (let i = 0; i < n; i += 1) out.push(words[Math.floor(rng() * words.length)]);
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

// A deterministic generator, so feeds are comparable between runs.
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

function makeCatalog(count, seed = 7) {
  const rng = mulberry32(seed);
  const products = [];
  for (let i = 0; i < count; i += 1) {
    const texts = {};
    for (const [locale, words] of Object.entries(WORDS)) {
      const paragraphs = [];
      const n = 6 + Math.floor(rng() * 10);
      for (let p = 0; p < n; p += 1) paragraphs.push(sentence(rng, words, 30 + Math.floor(rng() * 30)));
      texts[locale] = {
        title: `${BRANDS[i % BRANDS.length]} ${sentence(rng, words, 8 + Math.floor(rng() * 14))}`,
        description: paragraphs.join('\n\n'),
        bullets: Array.from({ length: 5 }, () => sentence(rng, words, 10 + Math.floor(rng() * 12))),
      };
    }
    products.push({
      sku: `SKU-${100000 + i}`,
      gtin: String(4000000000000 + i * 17),
      brand: BRANDS[i % BRANDS.length],
      priceCents: 1999 + Math.floor(rng() * 25000),
      shippingCents: rng() < 0.5 ? 0 : 495,
      texts,
    });
  }
  return products;
}

module.exports = { makeCatalog };
