// Writes examples/observed.ndjson: a week of Shopwave traffic for examples/tracking-plan.yaml,
// seeded so that the file is reproducible (a test checks the committed file is this output).
// Every deliberate problem is listed in EXAMPLE_PROBLEMS; everything else is clean.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLE_PROBLEMS = [
  'event-missing: "Wishlist Item Added" is active but never sent',
  'typo: "Review Submited" is sent instead of planned "Review Submitted"',
  'event-unplanned: "Newsletter Signup" is not in the plan',
  'ignored: "Pageview" and "Heap Autocapture Click" are in ignore_events',
  'event-deprecated: "Legacy Checkout Clicked" is still sent from web',
  'event-platform-missing: "Support Ticket Created" is never sent from android',
  'property-type: "Product Viewed".price is sent as a string ("12.99", "N/A") from ios, sometimes',
  'property-missing: "Order Completed".currency is missing from android orders, sometimes',
  'property-value: "Order Completed".shipping_method "overnight" is not in the enum',
  'property-value: "Coupon Applied".coupon_code is sometimes lower case (breaks the pattern)',
  'property-unplanned: "Product Added".variant is not planned',
  'naming-property + property-unplanned: "Cart Viewed".cartId breaks snake_case',
  'user-property-value: user plan "premium" is not in the enum',
  'account-property-unplanned: account mrr is not planned',
] as const;

/** mulberry32: a small seeded PRNG, so the file is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rec = Record<string, unknown>;

export function makeExampleRecords(): Rec[] {
  const rand = prng(20261126);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const chance = (p: number) => rand() < p;
  const start = Date.UTC(2026, 10, 19);
  const week = 7 * 86_400_000;
  const out: Rec[] = [];
  const users = Array.from({ length: 120 }, (_, i) => `u${String(i + 1).padStart(4, '0')}`);
  const skus = Array.from({ length: 40 }, (_, i) => `SKU-${1000 + i * 37}`);
  const categories = ['shoes', 'bags', 'outerwear', 'accessories', 'kids'];

  const emit = (event: string, platform: string, user: string, properties: Rec) => {
    const auto: Rec = platform === 'server' ? {} : platform === 'web' ? { path: pick(['/', '/shop', '/cart', '/p/' + pick(skus)]), referrer: pick(['', 'https://www.google.com/', 'https://news.example/']), browser: pick(['Chrome', 'Safari', 'Firefox']) } : { device_type: 'Mobile', app_version: pick(['5.2.0', '5.3.1']) };
    out.push({ event, time: new Date(start + Math.floor(rand() * week)).toISOString(), user_id: user, platform, properties: { ...auto, ...properties } });
  };

  for (let session = 0; session < 520; session++) {
    const user = pick(users);
    const platform = pick(['web', 'web', 'ios', 'android']);
    const currency = pick(['USD', 'EUR', 'GBP'] as const);
    if (chance(0.3)) emit('Pageview', platform, user, {});
    if (chance(0.05)) emit('Heap Autocapture Click', 'web', user, { target_text: 'Buy' });
    if (chance(0.08)) emit('Signed Up', platform, user, { method: pick(['email', 'google', 'apple']), referral_code: chance(0.3) ? 'FRIEND10' : null });
    emit('Logged In', platform, user, { method: pick(['email', 'google', 'apple', 'sso']) });
    const query = pick(['boots', 'rain jacket', 'tote', 'kids sneakers']);
    emit('Product Searched', platform, user, { query, results_count: int(0, 40) });
    const sku = pick(skus);
    const price = Math.round((10 + rand() * 190) * 100) / 100;
    const viewedPrice: unknown = platform === 'ios' && chance(0.12) ? pick([String(price), 'N/A']) : price;
    emit('Product Viewed', platform, user, { product_id: sku, price: viewedPrice, currency, category: pick(categories), in_stock: chance(0.9) });
    if (chance(0.2)) emit('Review Submited', platform, user, { product_id: sku, rating: int(1, 5), has_photo: chance(0.2) });
    if (chance(0.6)) {
      const qty = int(1, 3);
      const added: Rec = { product_id: sku, price, currency, quantity: qty };
      if (chance(0.4)) added.variant = pick(['red', 'blue', 'black']);
      emit('Product Added', platform, user, added);
      if (chance(0.15)) emit('Product Removed', platform, user, { product_id: sku, quantity: 1 });
      const cart: Rec = { items_count: qty, cart_value: Math.round(price * qty * 100) / 100 };
      if (platform === 'web' && chance(0.3)) cart.cartId = `c-${int(1000, 9999)}`;
      emit('Cart Viewed', platform, user, cart);
      if (chance(0.75)) {
        const value = Math.round(price * qty * 100) / 100;
        emit('Checkout Started', platform, user, { cart_value: value, currency, items_count: qty });
        if (platform === 'web' && chance(0.1)) emit('Legacy Checkout Clicked', 'web', user, {});
        emit('Payment Info Entered', platform, user, { payment_method: pick(['card', 'paypal', platform === 'ios' ? 'apple_pay' : 'google_pay']) });
        let coupon: string | null = null;
        if (chance(0.25)) {
          coupon = pick(['SPRING24', 'WELCOME10', 'FREESHIP']);
          emit('Coupon Applied', platform, user, { coupon_code: chance(0.15) ? coupon.toLowerCase() : coupon, discount: int(5, 20) });
        }
        if (chance(0.85)) {
          const order: Rec = {
            order_id: `ORD-${int(100000, 999999)}`,
            revenue: value,
            currency,
            items_count: qty,
            coupon,
            shipping_method: chance(0.04) ? 'overnight' : pick(['standard', 'express', 'pickup']),
          };
          if (platform === 'android' && chance(0.2)) delete order.currency;
          emit('Order Completed', platform, user, order);
          if (chance(0.1)) emit('Order Completed', 'server', user, { ...order, currency });
          if (chance(0.05)) emit('Order Refunded', 'server', user, { order_id: order.order_id, amount: value, reason: pick(['damaged', 'wrong_item', 'late', 'other']) });
        }
      }
    }
    if (chance(0.05)) emit('Subscription Started', platform === 'web' ? 'web' : 'server', user, { plan: pick(['plus', 'business']), billing_period: pick(['monthly', 'yearly']), trial: chance(0.5) });
    if (chance(0.02)) emit('Subscription Cancelled', pick(['web', 'server']), user, { plan: pick(['plus', 'business']), reason: 'too expensive' });
    if (chance(0.04)) emit('Invite Sent', 'web', user, { invitee_email: `friend${int(1, 99)}@example.com`, role: pick(['admin', 'buyer', 'viewer']) });
    if (chance(0.05)) emit('Support Ticket Created', pick(['web', 'ios']), user, { topic: pick(['order', 'payment', 'account', 'other']), order_id: `ORD-${int(100000, 999999)}` });
    if (chance(0.06)) emit('Newsletter Signup', 'web', user, { source: 'footer' });
    if (chance(0.2)) emit('Logged Out', platform, user, {});
  }
  for (const user of users) {
    out.push({
      kind: 'user',
      time: new Date(start + Math.floor(rand() * week)).toISOString(),
      user_id: user,
      properties: { email: `${user}@example.com`, plan: chance(0.05) ? 'premium' : pick(['free', 'plus', 'business']), signup_date: '2025-0' + int(1, 9) + '-1' + int(0, 9), marketing_opt_in: chance(0.5) },
    });
  }
  for (const account of ['acme', 'globex', 'initech', 'umbrella', 'hooli']) {
    out.push({
      kind: 'account',
      time: new Date(start + Math.floor(rand() * week)).toISOString(),
      account_id: account,
      properties: { name: account[0]!.toUpperCase() + account.slice(1), seats: int(2, 200), industry: pick(['retail', 'hospitality', 'education', 'healthcare', 'other']), mrr: int(100, 5000) },
    });
  }
  return out.sort((a, b) => String(a.time).localeCompare(String(b.time)));
}

export function exampleNdjson(): string {
  return makeExampleRecords().map((r) => JSON.stringify(r)).join('\n') + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(import.meta.dirname, '../examples/observed.ndjson');
  writeFileSync(file, exampleNdjson());
  console.log(`wrote ${file}`);
}
