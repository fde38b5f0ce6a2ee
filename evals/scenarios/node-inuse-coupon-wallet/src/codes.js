'use strict';

// Shoppers type codes by hand or paste them from an e-mail: any case, spaces, dashes kept.
function normaliseCode(raw) {
  return String(raw).trim().replace(/\s+/g, '').toUpperCase();
}

const PERSONAL = /^WB-[0-9A-Z]{6}$/;
const PROMO = /^[A-Z]{3,12}-?\d{0,3}$/;

function kindOf(code) {
  if (PERSONAL.test(code)) return 'personal';
  if (PROMO.test(code)) return 'promo';
  return null;
}

// personal codes carry their campaign in the second and third characters of the suffix
function personalCampaign(code) {
  return `NL${code.charCodeAt(4) % 8}`;
}

module.exports = { normaliseCode, kindOf, personalCampaign };
