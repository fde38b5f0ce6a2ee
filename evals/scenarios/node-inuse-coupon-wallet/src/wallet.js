'use strict';

const { normaliseCode, kindOf, personalCampaign } = require('./codes');
const { fetchVoucher } = require('./vouchers');

const RECENT_CODES = 4000;

class Wallet {
  constructor(campaigns) {
    this.campaigns = campaigns;
    this.coupons = new Map(); // code -> resolved coupon
    this.recent = []; // codes in the order they were first resolved
    this.stats = { checks: 0, applied: 0, rejected: 0, resolved: 0 };
  }

  // what the basket page calls whenever the shopper submits a code
  check(rawCode, basket) {
    this.stats.checks += 1;
    const coupon = this.resolve(rawCode);
    if (coupon === null) return this.reject('unknown code');
    if (basket.at > coupon.validUntil) return this.reject('expired');
    if (coupon.voucher !== null && coupon.usedBy !== null) return this.reject('already used');
    let eligible = 0;
    let items = 0;
    for (const line of basket.lines) {
      if (coupon.eligible.has(line.sku) && !coupon.excluded.has(line.brand)) {
        eligible += line.price * line.qty;
        items += line.qty;
      }
    }
    if (eligible < coupon.minSpend || items < coupon.minItems) return this.reject(`spend EUR ${coupon.minSpend} on eligible items`);
    this.stats.applied += 1;
    const discount = Math.min(Math.round(eligible * coupon.percent) / 100, coupon.maxDiscount);
    return { ok: true, code: coupon.code, discount, label: coupon.label };
  }

  redeem(rawCode, customer) {
    const coupon = this.resolve(rawCode);
    if (coupon !== null && coupon.voucher !== null) coupon.usedBy = customer;
  }

  reject(reason) {
    this.stats.rejected += 1;
    return { ok: false, reason };
  }

  resolve(rawCode) {
    const code = normaliseCode(rawCode);
    let coupon = this.coupons.get(code);
    if (coupon !== undefined) return coupon;
    coupon = this.load(code);
    this.stats.resolved += 1;
    this.coupons.set(code, coupon);
    this.recent.push(rawCode);
    if (this.recent.length > RECENT_CODES) this.coupons.delete(this.recent.shift());
    return coupon;
  }

  load(code) {
    const kind = kindOf(code);
    if (kind === null) return null;
    const campaign = this.campaigns.get(kind === 'personal' ? personalCampaign(code) : code);
    if (campaign === undefined) return null;
    let voucher = null;
    if (kind === 'personal') {
      const record = fetchVoucher(code);
      if (record === null) return null;
      voucher = JSON.parse(record);
    }
    return {
      code,
      kind,
      campaign: campaign.id,
      percent: campaign.percent,
      minSpend: campaign.minSpend,
      minItems: voucher ? voucher.limits.minItems : 1,
      maxDiscount: voucher ? voucher.limits.maxDiscount : Infinity,
      validUntil: campaign.endsAt,
      eligible: campaign.eligible,
      excluded: new Set(voucher ? voucher.excludedBrands : []),
      voucher,
      usedBy: null,
      label: `${campaign.name} (${campaign.percent}% off)`,
      resolvedAt: Date.now(),
    };
  }
}

module.exports = { Wallet, RECENT_CODES };
