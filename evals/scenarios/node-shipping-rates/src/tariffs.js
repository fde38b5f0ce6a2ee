'use strict';

const CARRIERS = [
  { name: 'dhl', baseCents: 449, perKgCents: 38, days: 1, services: ['standard', 'express'] },
  { name: 'dpd', baseCents: 419, perKgCents: 41, days: 2, services: ['standard', 'express'] },
  { name: 'hermes', baseCents: 389, perKgCents: 44, days: 2, services: ['standard'] },
  { name: 'gls', baseCents: 429, perKgCents: 36, days: 2, services: ['standard', 'express'] },
  { name: 'ups', baseCents: 599, perKgCents: 33, days: 1, services: ['standard', 'express', 'saver'] },
];

const ZONE_SURCHARGE = [0, 60, 120, 180, 260, 340, 420, 520, 640, 780];

function zoneOf(fromPostcode, toPostcode) {
  return Math.abs(Number(fromPostcode[0]) - Number(toPostcode[0]));
}

function priceCents(carrier, zone, weightGrams, service) {
  const kilos = Math.ceil(weightGrams / 1000);
  const express = service === 'express' ? 1.6 : service === 'saver' ? 1.2 : 1;
  return Math.round((carrier.baseCents + carrier.perKgCents * kilos + ZONE_SURCHARGE[zone]) * express);
}

module.exports = { CARRIERS, zoneOf, priceCents };
