'use strict';

// Stand-in of the CRM's voucher issuance API: the record of a personal code as the API
// returns it (JSON). Records are derived from the code so every issued code has one.

const BRANDS = ['Nordkap', 'Veloce', 'Aster & Co', 'Pinewood', 'Lumo', 'Trailhead', 'Kobold', 'Sable', 'Mira', 'Holm'];
const CHANNELS = ['newsletter', 'loyalty', 'service-recovery', 'birthday'];

function hash(code) {
  let h = 2166136261;
  for (let i = 0; i < code.length; i += 1) h = Math.imul(h ^ code.charCodeAt(i), 16777619);
  return h >>> 0;
}

function fetchVoucher(code) {
  const h = hash(code);
  if (h % 97 === 0) return null;
  const channel = CHANNELS[h % CHANNELS.length];
  return JSON.stringify({
    code,
    issuedTo: `C${String(h % 900000).padStart(7, '0')}`,
    channel,
    issuedAt: new Date(Date.UTC(2026, 0, 1) + (h % 90) * 86400000).toISOString(),
    excludedBrands: BRANDS.filter((_, i) => (h >> i) & 1),
    message: `Thank you for being with us! This ${channel} voucher ${code} gives you a discount on your next order. ` +
      'It can be combined with free shipping but not with other codes, and it cannot be exchanged for cash. ' +
      `Reference ${h.toString(36).toUpperCase()}.`,
    limits: { perCustomer: 1, minItems: 1 + (h % 3), maxDiscount: 20 + (h % 5) * 10 },
  });
}

module.exports = { fetchVoucher };
