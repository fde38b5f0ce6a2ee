'use strict';

function accountHeader(doc) {
  return { id: doc.id, displayName: `${doc.name.first} ${doc.name.last}`, tier: doc.loyalty.tier, points: doc.loyalty.points };
}

function addressBook(doc) {
  return doc.addresses.map((a) => `${a.label}: ${a.street}, ${a.zip} ${a.city}`);
}

function consentSummary(doc) {
  return doc.consents.filter((c) => c.granted).map((c) => c.purpose);
}

module.exports = { accountHeader, addressBook, consentSummary };
