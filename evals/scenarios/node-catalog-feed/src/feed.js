'use strict';

const PAGE_SIZE = 100;

function feedPage(catalog, category, page, partner) {
  const products = catalog.get(category) || [];
  const start = page * PAGE_SIZE;
  const items = products.slice(start, start + PAGE_SIZE).map((product) => ({
    ...product,
    price: { ...product.price, amount: Math.round(product.price.amount * (1 - partner.discount)) },
  }));
  return {
    category,
    page,
    pageSize: PAGE_SIZE,
    total: products.length,
    next: start + PAGE_SIZE < products.length ? `/feed/${category}?page=${page + 1}` : null,
    items,
  };
}

module.exports = { feedPage, PAGE_SIZE };
