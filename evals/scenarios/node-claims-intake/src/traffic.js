'use strict';

const crypto = require('node:crypto');

const KINDS = ['water', 'glass', 'theft', 'storm', 'vehicle'];

function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

// Photos as the app uploads them: base64 JPEG data inside the JSON body (a few pools reused).
const PHOTO_POOL = Array.from({ length: 8 }, (_, i) => crypto.randomBytes(12000 + i * 3000).toString('base64'));

function* claimRequests(seed = 23) {
  const rand = makeRandom(seed);
  let n = 0;
  while (true) {
    n += 1;
    const photos = Array.from({ length: Math.floor(rand() * 4) }, (_, i) => ({
      name: `IMG_${4000 + n}_${i}.jpg`,
      data: PHOTO_POOL[Math.floor(rand() * PHOTO_POOL.length)],
    }));
    yield {
      method: 'POST',
      path: '/v1/claims',
      headers: {
        'content-type': 'application/json',
        'user-agent': rand() < 0.7 ? 'AcmeInsurance/5.12 (iOS 17.2)' : 'Mozilla/5.0 (web form)',
        'x-request-id': `req-${n}`,
        authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.session',
      },
      body: {
        policy: `P-${String(10000000 + Math.floor(rand() * 89999999))}`,
        kind: KINDS[Math.floor(rand() * KINDS.length)],
        occurredAt: '2026-01-14T18:30:00Z',
        description: 'Water came through the ceiling of the bathroom after the upstairs pipe burst during the night.',
        contact: { phone: '+49 30 1234567', email: `customer${n}@mail.example` },
        photos,
      },
    };
  }
}

module.exports = { claimRequests };
