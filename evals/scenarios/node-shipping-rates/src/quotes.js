'use strict';

const { CARRIERS, zoneOf, priceCents } = require('./tariffs');

// Quotes by parcel; the tariff walk is the expensive part, so every quote is kept.
const quoteCache = new Map();

function quoteParcel(parcel) {
  const key = `${parcel.fromPostcode}>${parcel.toPostcode}:${parcel.weightGrams}:${parcel.service}`;
  const cached = quoteCache.get(key);
  if (cached !== undefined) return cached;
  const zone = zoneOf(parcel.fromPostcode, parcel.toPostcode);
  const offers = [];
  for (const carrier of CARRIERS) {
    if (!carrier.services.includes(parcel.service)) continue;
    const days = carrier.days + (zone > 5 ? 1 : 0) + (parcel.service === 'express' ? -1 : 0);
    offers.push({
      carrier: carrier.name,
      service: parcel.service,
      label: `${carrier.name.toUpperCase()} ${parcel.service} (${days} day${days === 1 ? '' : 's'})`,
      priceCents: priceCents(carrier, zone, parcel.weightGrams, parcel.service),
      currency: 'EUR',
      deliveryDays: Math.max(days, 1),
      trackingIncluded: true,
    });
  }
  offers.sort((a, b) => a.priceCents - b.priceCents);
  const quote = {
    key,
    zone,
    offers,
    cheapest: offers[0] ? offers[0].carrier : null,
    fastest: offers.reduce((best, offer) => (best === null || offer.deliveryDays < best.deliveryDays ? offer : best), null),
    quotedAt: new Date().toISOString(),
  };
  quoteCache.set(key, quote);
  return quote;
}

function cachedQuotes() {
  return quoteCache.size;
}

module.exports = { quoteParcel, cachedQuotes };
