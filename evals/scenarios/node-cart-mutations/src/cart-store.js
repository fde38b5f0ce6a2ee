'use strict';

const MAX_LINES = 120;
const UNDO_DEPTH = 5;

class CartStore {
  constructor(carts) {
    this.carts = carts;
    this.history = new Map();
  }

  applyMutation(mutation, now) {
    const current = this.carts.get(mutation.cartId);
    const draft = JSON.parse(JSON.stringify(current));
    switch (mutation.op) {
      case 'quantity':
        if (draft.lines[mutation.index]) draft.lines[mutation.index].quantity = mutation.quantity;
        break;
      case 'add':
        if (draft.lines.length < MAX_LINES) draft.lines.push({ lineId: `${draft.id}-${draft.version}`, quantity: 1, product: mutation.product });
        break;
      case 'remove':
        draft.lines.splice(mutation.index, 1);
        break;
      case 'coupon':
        if (!draft.coupons.includes(mutation.code)) draft.coupons.push(mutation.code);
        break;
      default:
        throw new Error(`unknown mutation ${mutation.op}`);
    }
    draft.version += 1;
    draft.updatedAt = now;
    this.remember(current);
    this.carts.set(draft.id, draft);
    return draft;
  }

  remember(cart) {
    const versions = this.history.get(cart.id) || [];
    versions.push(cart);
    if (versions.length > UNDO_DEPTH) versions.shift();
    this.history.set(cart.id, versions);
  }
}

module.exports = { CartStore };
