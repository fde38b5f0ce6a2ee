'use strict';

// The vendor contract: no digits of addresses, account/order numbers or phone numbers may leave;
// the shape of a value is kept so that the vendor can still group by route. App agents carry
// device build numbers, so the agent is masked too.
function maskDigits(text) {
  return text
    .split('')
    .map((ch) => (ch >= '0' && ch <= '9' ? 'x' : ch))
    .join('');
}

function maskClient(client) {
  const octets = client.split('.');
  if (octets.length !== 4) return maskDigits(client);
  return `${octets[0]}.${octets[1]}.${maskDigits(octets[2])}.${maskDigits(octets[3])}`;
}

function maskedRecord(record) {
  return {
    ...record,
    client: maskClient(record.client),
    user: record.user === '-' ? '-' : maskDigits(record.user),
    path: maskDigits(record.path),
    query: maskDigits(record.query),
    referer: maskDigits(record.referer),
    agent: maskDigits(record.agent),
  };
}

module.exports = { maskedRecord, maskDigits };
