'use strict';

const { formatAmount, formatDate } = require('./format');

const COLUMNS = ['booking_date', 'value_date', 'reference', 'counterparty', 'iban', 'purpose', 'debit', 'credit', 'balance', 'currency'];

// The download portal refuses files above 4 MiB: longer statements are cut with a note.
const MAX_DOWNLOAD_BYTES = 4 * 1024 * 1024;

function csvField(value) {
  const text = String(value);
  return /[",;\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// The statement as the body of the download response (UTF-8 bytes).
function statementCsv(account, entries) {
  let out = `# account ${account.iban} (${account.holder})\n`;
  out += COLUMNS.join(',') + '\n';
  let balance = account.openingCents;
  for (const entry of entries) {
    balance += entry.amountCents;
    const debit = entry.amountCents < 0 ? formatAmount(-entry.amountCents) : '';
    const credit = entry.amountCents > 0 ? formatAmount(entry.amountCents) : '';
    out += `${formatDate(entry.bookedAt)},${formatDate(entry.valueAt)},${csvField(entry.reference)},${csvField(entry.counterparty)},`;
    out += `${entry.iban},${csvField(entry.purpose)},${debit},${credit},${formatAmount(balance)},${account.currency}\n`;
    if (Buffer.byteLength(out, 'utf8') > MAX_DOWNLOAD_BYTES) {
      out += '# statement cut at 4 MiB: download a shorter period for the rest\n';
      break;
    }
  }
  return Buffer.from(out, 'utf8');
}

module.exports = { statementCsv };
